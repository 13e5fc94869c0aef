"""The bundled sample data, imported into an empty store the first time the app opens it.

from store import open_store, seed_sample_data
seed_sample_data(open_store(), Path("data"))   # [] when the store already has data
"""

from __future__ import annotations

from pathlib import Path

import clock
from loaders.load import load_file

from . import codec
from .store import SAMPLE_FILES, SAMPLE_HISTORY, SAMPLE_HISTORY_SPACING, SAMPLE_USER, Store, Version


def seed_sample_data(store: Store, data_dir: Path, user: str = SAMPLE_USER) -> list[Version]:
    """Import every bundled sample file found in `data_dir`, only if `store` has no versions yet: for the
    datasets with a history (data/history/), its earlier uploads first, a month apart, each a period import.

    Safe when several processes start at once: the check and the imports share one locked transaction
    (`Store.seed_versions`), so exactly one of them seeds. Raises ValueError (storing nothing) if a sample file
    does not validate.
    """
    if not store.is_empty():
        return []
    loaded = []
    refused = []
    now = clock.utc_now()
    for dataset, name in SAMPLE_FILES.items():
        history = sorted((Path(data_dir) / SAMPLE_HISTORY).glob(f"{dataset}_*"))
        for age, path in zip(range(len(history), -1, -1), (*history, Path(data_dir) / name), strict=True):
            if not path.is_file():
                continue
            data = path.read_bytes()
            result = load_file(data, path.name, dataset)
            if result.ok:
                rows = codec.encode_rows(result.frame, result.written)
                loaded.append((result, data, rows, now - age * SAMPLE_HISTORY_SPACING))
            else:
                refused.append(f"{path}: " + "; ".join(str(p) for p in result.errors[:10]))
    if refused:
        raise ValueError("샘플 데이터 파일이 검사를 통과하지 못했습니다:\n" + "\n".join(refused))
    return store.seed_versions(loaded, user)

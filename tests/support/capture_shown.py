"""What every page shows, written to text files, so a refactor can prove that nothing shown changed (issues #23, #27).

    python -m tests.support.capture_shown OUT_DIR [--store STORE.sqlite] [--today 2026-12-04]

Runs app.py in AppTest for every routed page, as a viewer and as an admin (who sees every staff form), in Korean and
English, and writes one file per run: each element the page shows in order, with its value (a table as CSV, a chart
as its Vega-Lite spec and data, a download as its file name and a digest of its bytes). The briefing pack PDF and its
slides come with the briefing page's downloads. Then `diff -r BEFORE AFTER` is the comparison.

The store is copied from --store (seeded with the sample data when the file does not exist yet), so both captures
read the very same versions and import times; "today" is fixed by --today.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

from tests.support.paths import REPO_ROOT

APP = REPO_ROOT / "app.py"
LANGUAGES = ("ko", "en")
TIMEOUT = 180


def routed_pages() -> list[tuple[str, str]]:
    """(file under views/, url_path) for every `page(...)` call in app.py."""
    found = []
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "page":
            file, url_path = (arg.value for arg in node.args[:2])
            found.append((file, url_path))
    return sorted(found)


def _arrow_csv(data: bytes) -> str:
    import pyarrow as pa

    if not data:
        return ""
    table = pa.ipc.open_stream(io.BytesIO(data)).read_all()
    return table.to_pandas().to_csv(index=False)


# A download's bytes are made on click (a deferred callable): the capture records each callable by its file id and
# calls it, as a click would.
_DEFERRED: dict[str, tuple[object, str | None]] = {}


def _record_deferred_downloads() -> None:
    from streamlit.runtime.media_file_manager import MediaFileManager

    real = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        file_id = real(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        _DEFERRED[file_id] = (data_callable, file_name)
        return file_id

    MediaFileManager.add_deferred = recording  # type: ignore[method-assign]


def _download_digest(file_id: str) -> str:
    data_callable, file_name = _DEFERRED[file_id]
    data = data_callable()  # type: ignore[operator]
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, bytes):
        data = data.read()
    if data[:4] == b"%PDF":  # the same pages, whenever made: leave out the creation time and the file id
        data = re.sub(rb"/CreationDate *\(D:[^)]*\)|/ID *\[[^\]]*\]", b"", data)
    elif data[:2] == b"PK" and str(file_name).endswith(".xlsx"):
        return f"{file_name}\n{_workbook_text(data)}"
    return f"{file_name} {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()[:16]}"


def _workbook_text(data: bytes) -> str:
    """Every sheet's cells (values as stored, formulas as written), one row per line."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"[sheet {sheet.title}]")
        lines.extend("\t".join("" if v is None else repr(v) for v in row) for row in sheet.iter_rows(values_only=True))
    return "\n".join(lines)


def _describe(node, depth: int, lines: list[str]) -> None:
    from google.protobuf.json_format import MessageToDict

    proto = getattr(node, "proto", None)
    kind = getattr(node, "type", type(node).__name__)
    pad = "  " * depth
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        for noisy in ("id", "form_id", "deferred_file_id"):
            fields.pop(noisy, None)
        data = fields.pop("data", None)
        datasets = fields.pop("datasets", None)
        lines.append(f"{pad}{kind} {json.dumps(fields, ensure_ascii=False, sort_keys=True)}")
        if kind in ("arrow_data_frame", "dataframe", "table") and data is not None:
            lines.append(_arrow_csv(proto.data))
        if datasets:
            for dataset in proto.datasets:
                lines.append(f"{pad}  dataset {dataset.name}")
                lines.append(_arrow_csv(dataset.data.data))
        if kind == "download_button":
            if proto.HasField("deferred_file_id"):
                lines.append(f"{pad}  file {_download_digest(proto.deferred_file_id)}")
            elif proto.url:
                lines.append(f"{pad}  file {proto.url}")
    else:
        lines.append(f"{pad}{kind}")
    for child in getattr(node, "children", {}).values():
        _describe(child, depth + 1, lines)


def _seed(path: Path) -> None:
    """A store with the bundled sample data, closed (its write-ahead log folded in) so the file can be copied."""
    from store import open_store, seed_sample_data
    from ui.data import SAMPLE_DATA_DIR

    store = open_store(f"sqlite:///{path}")
    try:
        seed_sample_data(store, SAMPLE_DATA_DIR)
    finally:
        store.close()


def _fix_pack_time(today: dt.date) -> None:
    """The pack's footer says when it was made: 09:00 UTC on `today` in every capture."""
    import briefing.pdf

    real = briefing.pdf.briefing_pdf
    made_at = dt.datetime(today.year, today.month, today.day, 9, 0, tzinfo=dt.UTC)
    briefing.pdf.briefing_pdf = lambda slides, lang, _made_at: real(slides, lang, made_at)  # type: ignore[assignment]


def capture(out: Path, today: dt.date) -> list[str]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import auth.session
    import clock
    from auth.accounts import hash_password
    from auth.roles import Role

    seoul_evening = dt.datetime(today.year, today.month, today.day, 9, 0, tzinfo=dt.UTC)  # 18:00 in Seoul
    clock.now = lambda: seoul_evening.astimezone(clock.city_zone())  # type: ignore[assignment]
    clock.today = lambda: today  # type: ignore[assignment]
    _fix_pack_time(today)
    _record_deferred_downloads()
    users = {
        f"user_{role.value}": {
            "password_hash": hash_password("capture"),
            "role": role.value,
            "display_name": role.value,
        }
        for role in (Role.VIEWER, Role.ADMIN)
    }
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file, url_path in routed_pages():
        for role in (Role.VIEWER, Role.ADMIN):
            for language in LANGUAGES:
                st.cache_data.clear()
                at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
                at.secrets["auth"] = {"users": users}
                at.session_state[auth.session.SIGNED_IN_KEY] = f"user_{role.value}"
                at.query_params["lang"] = language
                at.run()
                at.switch_page(f"views/{file}").run()
                lines: list[str] = [f"exceptions: {[e.value for e in at.exception]}"]
                _describe(at._tree, 0, lines)
                name = f"{url_path}.{role.value}.{language}.txt"
                (out / name).write_text("\n".join(lines), encoding="utf-8")
                written.append(name)
    return written


def main() -> None:
    import os

    parser = argparse.ArgumentParser(prog="python -m tests.support.capture_shown")
    parser.add_argument("out", type=Path)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "capture-store.sqlite")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 12, 4))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="capture-"))
    copy = work / "store.sqlite"
    if not args.store.exists():
        _seed(args.store)
    shutil.copy(args.store, copy)
    os.environ["AICD_STORE_URL"] = f"sqlite:///{copy}"
    try:
        written = capture(args.out, args.today)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(written)} runs written to {args.out}")


if __name__ == "__main__":
    main()

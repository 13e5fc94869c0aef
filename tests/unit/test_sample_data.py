"""The bundled sample data (data/) is what scripts/make_sample_data.py writes, byte for byte: the script's promise
(fixed seed, fixed "today", fixed xlsx timestamps) holds, and nobody edits a sample file by hand."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import REPO_ROOT

DATA = REPO_ROOT / "data"


def test_the_generator_reproduces_every_sample_file(tmp_path):
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "make_sample_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file())
    assert written == committed
    differ = [str(p) for p in written if (tmp_path / p).read_bytes() != (DATA / p).read_bytes()]
    assert differ == []

"""Random, truncated and corrupted files into `python -m loaders validate --json`, for every format the loader reads
(xlsx, xls, xlsb, ods, web-page and XML .xls, csv, locked files): always one JSON object, exit 0 or 1, never a
traceback, and never the "unexpected problem" answer that means a reader let an exception through.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.__main__ import main
from tests.support.in_process_check import cli_checks_in_process  # noqa: F401  (a fixture)

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted(p.name for p in FIXTURES.iterdir() if p.name != "expected.json" and p.stat().st_size < 100_000)
HANGUL = re.compile(r"[가-힣]")
UNEXPECTED = "예상하지 못한 문제"
# Starts of each container and markup the sniffers look at, followed by noise.
HEADS = [
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body><table><tr><td>",
    b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>',
    b"\xef\xbb\xbf<table>",
    b"SCDSA004",
    b"\xff\xfe",
    "연도,세부사업명,재원,예산액,집행액\n".encode("cp949"),
]


def variants(data: bytes, rng: random.Random) -> list[bytes]:
    """Cut at random points, a corrupted block in the middle, and a few bytes flipped."""
    cuts = [data[: rng.randrange(1, len(data))] for _ in range(3)]
    middle = rng.randrange(0, len(data))
    corrupted = data[:middle] + rng.randbytes(min(256, len(data) - middle)) + data[middle + 256 :]
    flipped = bytearray(data)
    for _ in range(8):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    return [*cuts, corrupted, bytes(flipped)]


def check_answer(code: int, out: str) -> None:
    answer = json.loads(out)  # exactly one JSON object, nothing else on stdout
    assert code == (0 if answer["ok"] else 1)
    if answer["ok"]:
        assert all(isinstance(v, int) or k == "area_m2" for k, v in answer["totals"].items()), answer["totals"]
        return
    assert answer["rows"] is None and answer["totals"] is None
    assert answer["errors"] and all(HANGUL.search(e["message"]) for e in answer["errors"])
    assert not any(UNEXPECTED in e["message"] for e in answer["errors"]), answer["errors"]


@pytest.mark.parametrize("name", SEEDS)
def test_damaged_copies_of_each_fixture_give_one_json_answer(tmp_path: Path, capsys, name: str, cli_checks_in_process):
    rng = random.Random(name)
    data = (FIXTURES / name).read_bytes()
    for number, damaged in enumerate(variants(data, rng)):
        path = tmp_path / f"{number}_{name}"
        path.write_bytes(damaged)
        code = main(["validate", str(path), "--json"])
        check_answer(code, capsys.readouterr().out)


def test_noise_behind_every_container_and_markup_start(tmp_path: Path, capsys, cli_checks_in_process):
    rng = random.Random(12)
    for number, head in enumerate(HEADS):
        for size in (0, 7, 300, 5000):
            path = tmp_path / f"{number}_{size}.xls"
            path.write_bytes(head + rng.randbytes(size))
            check_answer(main(["validate", str(path), "--json"]), capsys.readouterr().out)


@pytest.mark.parametrize(
    "name", [n for n in SEEDS if n.rsplit(".", 1)[-1] in ("xls", "xlsb", "ods") or "encrypted" in n or "drm" in n]
)
def test_truncated_new_formats_through_the_real_command_line(tmp_path: Path, name: str):
    """The staff scripts' exact call, in a fresh process: stderr and stdout carry no traceback."""
    data = (FIXTURES / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) * 2 // 3])
    proc = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(path), "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    check_answer(proc.returncode, proc.stdout)

"""The shared real-shaped fixtures: `python -m loaders validate FILE --json` must give exactly expected.json.

The first fixtures in tests/fixtures/ are identical copies of ../shared/fixtures/; those of issue #12 (web-page and
XML .xls, .ods, .xlsb, locked and oversized files) are written by scripts/make_real_export_fixtures.py with the
real tools. Each entry of expected.json is run as staff scripts run it, in a subprocess, and compared field by
field; `whole_file` marks a file refused as a whole (locked, too large), whose one problem has no row or column.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED: dict[str, dict] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
HANGUL = re.compile(r"[가-힣]")


def validate_json(path: Path, *extra: str) -> tuple[int, dict, str]:
    """Run the CLI as staff scripts do; return (exit code, parsed JSON, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(path), "--json", *extra],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError:  # pragma: no cover - shown on failure only
        pytest.fail(f"validate --json did not print one JSON object:\n{proc.stdout}\n{proc.stderr}")
    return proc.returncode, result, proc.stderr


def test_every_fixture_has_an_expectation():
    files = {p.name for p in FIXTURES.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_matches_expected(name: str):
    expected = EXPECTED[name]
    code, result, _ = validate_json(FIXTURES / name)

    assert result["ok"] is expected["ok"], result["errors"]
    assert result["dataset"] == expected["dataset"]
    if expected["ok"]:
        assert code == 0
        assert result["errors"] == []
        assert result["rows"] == expected["rows"]
        assert result["totals"] == expected.get("totals", {})  # a dataset without measures (selections) has none
        # Exact integers, never floats: 107930990000 must not come back as 1.0793099e11.
        for name_, value in result["totals"].items():
            assert type(value) is int, (name_, value)
        return

    assert code == 1
    errors = result["errors"]
    assert errors, "a refused file must say why"
    # A refused file presents no figures at all.
    assert result.get("rows") in (None,), result.get("rows")
    assert result.get("totals") in (None,), result.get("totals")
    for error in errors:
        if expected.get("whole_file"):
            # The file cannot be opened (locked, too large): one problem about the whole file, no row or column.
            assert (error["row"], error["column"]) == (None, None), error
        else:
            assert isinstance(error["row"], int) and error["row"] >= 1, error
            assert isinstance(error["column"], str) and error["column"], error
        assert HANGUL.search(error["message"]), error
    if expected.get("whole_file"):
        assert len(errors) == 1, errors
    said = " ".join(f"{e['column']} {e['message']}" for e in errors)
    for mention in expected["error_mentions"]:
        assert mention in said, (mention, errors)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e["ok"]))
def test_fixture_named_dataset_gives_the_same_answer(name: str):
    """Naming the dataset explicitly (--dataset) must not change a single figure."""
    expected = EXPECTED[name]
    code, result, _ = validate_json(FIXTURES / name, "--dataset", expected["dataset"])
    assert code == 0, result["errors"]
    assert (result["dataset"], result["rows"], result["totals"]) == (
        expected["dataset"],
        expected["rows"],
        expected.get("totals", {}),
    )


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXPECTED.items() if any(k.startswith("highest_selection_as_of_") for k in e))
)
def test_fixture_highest_selection_counts(name: str):
    """The K-Unicorn selections fixture: how many companies have each programme as their highest selection at the
    date its expectation names (issue #35), exactly, every programme of the ladder named (0 when none)."""
    from loaders.load import load_file
    from metrics.selections import highest_selection_counts
    from program import load_program

    result = load_file((FIXTURES / name).read_bytes(), name)
    assert result.ok, result.errors
    for key, expected in EXPECTED[name].items():
        if not key.startswith("highest_selection_as_of_"):
            continue
        as_of = key.removeprefix("highest_selection_as_of_").replace("_", "-")
        counts = highest_selection_counts(result.frame, as_of)
        assert counts == {p: expected.get(p, 0) for p in load_program().k_unicorn.names}, (as_of, counts)

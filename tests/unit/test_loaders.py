"""The loaders against deliberately messy, real-shaped exports (tests/support/messy_exports/), and unit tests of
the cell and header helpers.

A wrong number in front of the mayor is the worst failure: every valid file must give its figures to the
won, every bad file must be refused whole, with every problem at the Excel row and header the user sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.cells import (
    CellError,
    to_count,
    to_date,
    to_decimal,
    to_month,
    to_month_number,
    to_number,
    to_won,
    to_year,
)
from loaders.headers import UNITS, locate_table, normalise_header, unit_in_header, unit_note, unknown_unit_in_header
from loaders.load import load_file
from loaders.reading import Sheet, read_sheets
from tests.support.in_process_check import cli_checks_in_process  # noqa: F401  (a fixture)
from tests.support.messy_exports import BUILDERS, NOT_SPREADSHEETS, Case, Grid, build, write_csv, write_xlsx

REPO_ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[가-힣]")


# ---------------------------------------------------------------------------
# Every messy export gives exactly its answer
# ---------------------------------------------------------------------------


def run(case: Case):
    return load_file(case.path.read_bytes(), case.path.name, case.dataset_arg)


def check_answer(case: Case, answer: dict) -> None:
    """`answer` is the `validate --json` object for the case's file."""
    assert answer["dataset"] == case.dataset
    if case.ok:
        assert answer["errors"] == [], answer["errors"]
        assert answer["ok"] is True
        assert answer["rows"] == case.rows
        assert answer["totals"] == case.totals
        for name, value in answer["totals"].items():
            # Money and counts are exact integers; only areas may carry decimals.
            assert type(value) is (float if name == "area_m2" and isinstance(case.totals[name], float) else int), (
                name,
                value,
            )
        return
    assert answer["ok"] is False
    assert answer["rows"] is None and answer["totals"] is None, "a refused file presents no figures"
    errors = answer["errors"]
    for error in errors:
        assert HANGUL.search(error["message"]), f"message not in Korean: {error}"
        assert "Traceback" not in error["message"] and "Error(" not in error["message"], error
    got = sorted((e["row"] or 0, e["column"] or "") for e in errors)
    want = sorted((e.row or 0, e.column or "") for e in case.errors)
    assert got == want, "\n".join(f"{e['row']} {e['column']!r}: {e['message']}" for e in errors)
    for expected in case.errors:
        messages = [e["message"] for e in errors if (e["row"], e["column"]) == (expected.row, expected.column)]
        assert any(all(s in m for s in expected.says) for m in messages), (expected, messages)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_messy_export(tmp_path: Path, name: str):
    case = build(name, tmp_path)
    result = run(case)
    check_answer(case, json.loads(json.dumps(result.as_json(), ensure_ascii=False)))
    if not case.ok:
        assert result.frame.empty, "a refused file stores nothing"


def test_builder_is_deterministic(tmp_path: Path):
    for name in BUILDERS:
        first = build(name, tmp_path / "a")
        second = build(name, tmp_path / "b")
        assert first.path.read_bytes() == second.path.read_bytes(), name
        assert (first.ok, first.rows, first.totals, first.errors) == (
            second.ok,
            second.rows,
            second.totals,
            second.errors,
        )


def test_builder_covers_every_case_in_the_spec():
    names = set(BUILDERS)
    for unit in ("won", "thousand", "million", "hundred_million", "trillion"):
        assert f"budget_unit_header_{unit}" in names and f"budget_unit_note_{unit}" in names
    for encoding in ("utf_8", "utf_8_sig", "cp949"):
        assert f"jobs_csv_{encoding}" in names
    assert {f"not_spreadsheet_{k}" for k in ("png", "pdf", "random", "empty", "zip")} <= names
    assert len(names) >= 60


CLI_CASES = ["budget_real_xls", "budget_many_problems_lazy", "jobs_named_dataset_tab", "not_spreadsheet_pdf"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_validate_json(tmp_path: Path, name: str):
    """The command line staff scripts use: one JSON object, exit 0 valid / 1 refused, never a traceback."""
    case = build(name, tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", *case.cli_args(), "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == (0 if case.ok else 1)
    check_answer(case, json.loads(proc.stdout))


def test_cli_main_on_every_messy_export(tmp_path: Path, capsys, cli_checks_in_process):
    """`validate --json` through the command line's own code (in-process, checks too, so all cases stay fast)."""
    from loaders.__main__ import main

    for name in BUILDERS:
        case = build(name, tmp_path / name)
        code = main(["validate", *case.cli_args(), "--json"])
        out = capsys.readouterr().out
        assert code == (0 if case.ok else 1), name
        check_answer(case, json.loads(out))


def test_csv_encodings_give_identical_answers(tmp_path: Path):
    answers = [run(build(f"jobs_csv_{e}", tmp_path)).as_json() for e in ("utf_8", "utf_8_sig", "cp949")]
    assert answers[0] == answers[1] == answers[2]


def test_units_in_header_and_in_note_agree(tmp_path: Path):
    for unit in ("won", "thousand", "million", "hundred_million", "trillion"):
        header = run(build(f"budget_unit_header_{unit}", tmp_path)).as_json()
        note = run(build(f"budget_unit_note_{unit}", tmp_path)).as_json()
        assert (header["rows"], header["totals"]) == (note["rows"], note["totals"]), unit


def test_provenance_keeps_excel_rows_and_written_cells(tmp_path: Path):
    case = build("budget_two_row_header_merged", tmp_path)
    result = run(case)
    assert result.ok
    assert list(result.frame["source_row"]) == [5, 6, 8]  # title, blank, two header rows; 소계 at 7 excluded
    assert result.written[6]["금액(단위: 백만원) 집행액"] == "1,250.5"
    assert list(result.frame["executed_krw"]) == [750_000, 1_250_500_000, 0]


def test_totals_rows_are_reported_as_warnings_not_counted(tmp_path: Path):
    result = run(build("budget_total_rows_everywhere", tmp_path))
    assert result.ok
    assert sorted(result.frame["source_row"]) == [5, 6, 8, 10, 13]
    assert any("합계·소계" in w.message for w in result.warnings)


def test_grand_total_mismatch_warns(tmp_path: Path):
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(원)")
    g.add(2025, "A", "국비", 100, 10)
    g.add(2025, "B", "국비", 200, 20)
    total_row = g.add("합계", None, None, 301, 30)
    path = write_xlsx(tmp_path / "mismatch.xlsx", g)
    result = load_file(path.read_bytes(), path.name)
    assert result.ok and result.totals == {"planned_krw": 300, "executed_krw": 30}
    assert [(w.row, w.column) for w in result.warnings if w.row] == [(total_row, "예산액(원)")]


def test_other_sheets_with_the_same_table_are_named_in_a_warning(tmp_path: Path):
    sheets = []
    for year in (2024, 2025):
        g = Grid(f"{year}년")
        g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(원)")
        g.add(year, "A", "국비", 100, 10)
        sheets.append(g)
    path = write_xlsx(tmp_path / "two_years.xlsx", *sheets)
    result = load_file(path.read_bytes(), path.name)
    assert result.ok and result.sheet == "2024년" and result.rows == 1
    assert any("'2025년'" in w.message for w in result.warnings), result.warnings


def test_hidden_sheet_is_read_only_when_nothing_else_is(tmp_path: Path):
    g = Grid("숨김", hidden=True)
    g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(원)")
    g.add(2025, "A", "국비", 100, 10)
    cover = Grid("표지")
    cover.add("예산 현황")
    path = write_xlsx(tmp_path / "hidden.xlsx", g, cover)
    result = load_file(path.read_bytes(), path.name)
    assert result.ok and result.sheet == "숨김"
    assert any("숨겨진 시트" in w.message for w in result.warnings)


def test_detected_and_named_dataset_agree(tmp_path: Path):
    case = build("budget_title_notes_unit_note", tmp_path)
    data = case.path.read_bytes()
    detected, named = load_file(data, "x.xlsx"), load_file(data, "x.xlsx", "budget")
    assert detected.as_json() == named.as_json()


def test_unknown_dataset_name_is_refused():
    result = load_file(b"a,b\n1,2\n", "x.csv", "nonsense")
    assert not result.ok and "nonsense" in result.errors[0].message


def test_never_raises_on_arbitrary_bytes():
    rng = random.Random(7)
    samples = [rng.randbytes(n) for n in (1, 3, 17, 300, 5000)]
    samples += [b"PK\x03\x04" + rng.randbytes(200), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(600)]
    samples += [b"\xef\xbb\xbf", b"\n\n\n", b",,,\n,,,\n", "연도,세부사업명\n".encode()]
    for data in samples:
        result = load_file(data, "x.xlsx")
        assert not result.ok
        assert all(HANGUL.search(p.message) for p in result.errors)


@pytest.mark.parametrize("kind", list(NOT_SPREADSHEETS))
def test_not_a_spreadsheet_is_named_as_such(tmp_path: Path, kind: str):
    case = build(f"not_spreadsheet_{kind}", tmp_path)
    result = run(case)
    assert not result.ok and result.dataset is None
    assert len(result.errors) == 1 and result.errors[0].row is None


def test_two_row_header_in_csv_without_merge_information(tmp_path: Path):
    g = Grid()
    g.add("연도", "세부사업명", "재원", "금액(단위: 천원)", "")
    g.add("", "", "", "예산액", "집행액")
    g.add("2025", "A", "국비", "1,000", "500")
    path = write_csv(tmp_path / "two_row.csv", g, "cp949")
    result = load_file(path.read_bytes(), path.name)
    assert result.ok, result.errors
    assert result.totals == {"planned_krw": 1_000_000, "executed_krw": 500_000}


# ---------------------------------------------------------------------------
# cells.py: reading one cell exactly
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "unit", "won"),
    [
        (1, 1, 1),
        (1234567, 1, 1_234_567),
        ("1,234,567", 1, 1_234_567),
        ("  1,234,567 ", 1_000, 1_234_567_000),
        ("₩1,500", 1, 1_500),
        ("1,500원", 1, 1_500),
        ("1,500천원", 1_000, 1_500_000),
        ("-", 1_000, 0),
        ("－", 1, 0),
        (1.5, 1_000, 1_500),
        ("1.5", 1_000, 1_500),
        (0.001, 10**8, 100_000),
        ("0.001", 10**8, 100_000),
        (0.000001, 10**6, 1),
        (1e-12, 10**12, 1),
        ("0.000000000001", 10**12, 1),
        (12345.678901234, 10**12, 12_345_678_901_234_000),
        ("12,345.678901234", 10**12, 12_345_678_901_234_000),
        ("9,007,199,254,740,993", 1, 2**53 + 1),
        (1.15292150460685e18, 1, 1_152_921_504_606_850_000),  # the decimal the file wrote, not the binary value
        ("１，０００", 1, 1_000),  # full-width digits (NFKC)
        (999.99999999, 10**8, 99_999_999_999),
    ],
)
def test_to_won_exact(cell, unit, won):
    assert to_won(cell, unit) == won
    assert type(to_won(cell, unit)) is int


@pytest.mark.parametrize("unit", sorted(set(UNITS.values())))
def test_to_won_absorbs_float_noise_from_formulas(unit):
    """Excel formula cells carry binary noise (0.1+0.2 = 0.30000000000000004): read as Excel shows them."""
    assert to_won(0.1 + 0.2, unit * 10) == 3 * unit
    assert to_won(sum([0.1] * 10), unit) == unit  # 0.9999999999999999
    assert to_won(1.1 * 3, unit * 10) == 33 * unit  # 3.3000000000000003
    assert to_won(1234566.9999999998, unit) == 1_234_567 * unit


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("1,000.5", 1),
        (1000.5, 1),
        ("1.0000001", 1),  # text has no float noise: a fraction of a won is a fraction of a won
        ("1.00000000000000000000000000001", 1),  # beyond Decimal's default 28 digits: still exact
        ("1.0000000000001", 10**12),
        (1.2345, 1_000),
        ("0.0001", 1_000),
        (0.1234567890123, 10**12),
        (0.1 + 0.2, 1),  # 0.30000000000000004 won is not noise around a whole won
        (0.5, 1),
    ],
)
def test_to_won_refuses_fractions_of_a_won(cell, unit):
    with pytest.raises(CellError, match="1원 미만"):
        to_won(cell, unit)


@pytest.mark.parametrize(
    "cell", ["약 300", "미정", "1,23", "1.234,5", "12,34,567", "1.23457E+11", "1e5", "nan", "inf", "", "3 4"]
)
def test_to_won_refuses_what_is_not_a_plain_number(cell):
    with pytest.raises(CellError):
        to_won(cell, 1)


@pytest.mark.parametrize("cell", ["-1,000", "(2,000)", "△500", "△ 1,000", -1, -0.5e3])
def test_negative_amounts_are_read_as_negative(cell):
    """Negatives are read (so the schema can refuse them as 음수), never silently made positive."""
    assert to_decimal(cell) < 0


def test_to_won_refuses_a_cell_unit_that_contradicts_the_column():
    with pytest.raises(CellError, match="천원"):
        to_won("250원", 1_000)
    with pytest.raises(CellError):
        to_won("3억원", 1_000)
    assert to_won("3억원", 10**8) == 300_000_000


def test_to_won_refuses_numbers_too_large_to_store():
    with pytest.raises(CellError, match="큽니다"):
        to_won("99,999,999", 10**12)
    with pytest.raises(CellError, match="큽니다"):
        to_count("99999999999999999999999")


def test_to_won_random_decimals_are_exact():
    """Property check (seeded, no hypothesis): any won amount written in any unit reads back exactly."""
    rng = random.Random(2025)
    for _ in range(3000):
        won = rng.choice([rng.randrange(10**4), rng.randrange(10**12), rng.randrange(10**18)])
        unit = rng.choice(sorted(set(UNITS.values())))
        written = Decimal(won) / unit  # exact: unit is a power of ten
        text = f"{written:,f}"
        assert to_won(text, unit) == won, (text, unit)
        as_float = float(written)
        # What an Excel number cell can hold: at most 15 significant digits, and the float must carry them.
        if len(written.normalize().as_tuple().digits) <= 15 and Decimal(repr(as_float)) == written:
            assert to_won(as_float, unit) == won, (as_float, unit)


def test_number_cells_are_read_to_excels_15_digits():
    """Beyond 15 significant digits a fractional number cell is noise: read as Excel shows it."""
    assert to_won(1546319107.632245, 10**8) == 154_631_910_763_224_000  # Excel shows 1546319107.63224
    assert to_won(12345.678901234567, 10**12) == 12_345_678_901_234_600
    assert to_won("12,345.678901234567", 10**12) == 12_345_678_901_234_567  # text is exact
    assert to_won(1234567890123456.0, 1) == 1_234_567_890_123_456  # whole number cells are exact


def test_to_count():
    assert to_count("1,204") == 1204
    assert to_count(3.0) == 3
    assert to_count("12명") == 12
    assert to_count("-") == 0
    with pytest.raises(CellError, match="정수"):
        to_count("1.5")


def test_to_number():
    assert to_number("6,500") == 6500.0
    assert to_number(4100.5) == 4100.5
    assert to_number("35.2312") == 35.2312


@pytest.mark.parametrize(
    ("cell", "year"),
    [(2025, 2025), (2025.0, 2025), ("2025", 2025), ("2025년", 2025), ("2025년도", 2025), ("２０２５", 2025)],
)
def test_to_year(cell, year):
    assert to_year(cell) == year


@pytest.mark.parametrize("cell", ["이천이십오", "25", "2025.5", 2025.5, "FY2025"])
def test_to_year_refuses(cell):
    with pytest.raises(CellError):
        to_year(cell)


@pytest.mark.parametrize(
    ("cell", "month"), [(3, 3), (3.0, 3), ("3", 3), ("03", 3), ("3월", 3), ("12 월", 12), (13, 13)]
)
def test_to_month_number(cell, month):
    assert to_month_number(cell) == month  # the range (1–12) is the schema's rule


@pytest.mark.parametrize("cell", ["삼월", "3.5", 3.5, "2025-03"])
def test_to_month_number_refuses(cell):
    with pytest.raises(CellError):
        to_month_number(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "2025-03",
        "2025.03",
        "2025.3",
        "2025. 3.",
        "2025년 3월",
        "2025년3월",
        "202503",
        202503,
        202503.0,
        "2025/03",
        dt.datetime(2025, 3, 1),
        dt.date(2025, 3, 31),
        "2025-03-15",
        2025.03,
    ],
)
def test_to_month_reads_every_written_form(cell):
    assert to_month(cell) == dt.date(2025, 3, 1)


def test_to_month_october_as_text_and_the_ambiguous_number():
    assert to_month("2025.10") == dt.date(2025, 10, 1)
    assert to_month(2025.11) == dt.date(2025, 11, 1)
    with pytest.raises(CellError, match=r"2025\.1"):
        to_month(2025.1)  # 2025.10 typed into a number cell: October or January?


@pytest.mark.parametrize("cell", ["2025-13", "2025-00", "지난달", "3월", "25.03", "2025", 2025, "2025-3-", "20251301"])
def test_to_month_refuses(cell):
    with pytest.raises(CellError):
        to_month(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "2025-09-30",
        "2025.09.30",
        "2025.9.30",
        "2025. 9. 30.",
        "2025년 9월 30일",
        "2025년9월30일",
        "20250930",
        20250930,
        "2025/09/30",
        dt.datetime(2025, 9, 30),
        dt.datetime(2025, 9, 30, 14, 5),
        dt.date(2025, 9, 30),
    ],
)
def test_to_date_reads_every_written_form(cell):
    assert to_date(cell) == dt.date(2025, 9, 30)


@pytest.mark.parametrize(
    "cell", ["2025-09", "202509", "2025-02-30", "2025-09-31", "작년 봄", "30/09/2025", "2025.09.30.12"]
)
def test_to_date_refuses(cell):
    with pytest.raises(CellError):
        to_date(cell)


# ---------------------------------------------------------------------------
# headers.py: finding the table, its units and its columns
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("예산액", "예산액"),
        ("예산액(백만원)", "예산액"),
        ("예산액 (단위: 천원)", "예산액"),
        ("집행액_천원", "집행액"),
        ("집행액\n(천원)", "집행액"),
        ("  세부 사업명 ", "세부사업명"),
        ("Planned (KRW)", "planned"),
        ("planned_krw", "planned"),
        ("New Hires", "newhires"),
        ("준공(예정)일", "준공일"),
        ("＊연도", "연도"),
        ("기업가치억원", "기업가치"),
        ("원", "원"),
        (None, ""),
        (2025, "2025"),
    ],
)
def test_normalise_header(written, normal):
    assert normalise_header(written) == normal


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("예산액(원)", 1),
        ("예산액(천원)", 1_000),
        ("예산액(백만원)", 10**6),
        ("예산액(억원)", 10**8),
        ("기업가치(조원)", 10**12),
        ("집행액_천원", 1_000),
        ("집행액 [백만원]", 10**6),
        ("금액(단위: 백만원)", 10**6),
        ("금액 (단위 : 억원)", 10**8),
        ("Planned (KRW)", 1),
        ("집행액\n(천원)", 1_000),
        ("예산액(천만원)", 10**7),
        ("예산액(억원, %)", 10**8),
        ("기업가치(백만달러)", None),
        ("예산액", None),
        ("사업명", None),
        ("단위사업명", None),
        ("종업원수(명)", None),
    ],
)
def test_unit_in_header(written, unit):
    assert unit_in_header(written) == unit


@pytest.mark.parametrize(
    ("written", "unknown"),
    [
        ("기업가치(백만달러)", "백만달러"),
        ("Valuation (USD)", "usd"),
        ("금액 단위: 달러", "달러"),
        ("예산액(천원)", None),
        ("예산액(억원, %)", None),
        ("집행액(누계)", None),
        ("금액(단위: 백만원)", None),
        ("예산액", None),
    ],
)
def test_unknown_unit_in_header(written, unknown):
    assert unknown_unit_in_header(written) == unknown


def test_unit_note_above_the_table():
    assert unit_note([["(단위: 백만원)"], ["요약"], [None, "(단위: 천원)"]]) == 1_000  # the nearest note
    assert unit_note([["(단위: 천원)"], ["(단위: 백만달러)"]]) is None  # nearest note is not a won unit
    assert unit_note([["(단위: 천원)"], ["단위사업별 집행 현황"]]) == 1_000  # 단위사업 is not a unit note
    assert unit_note([["제목"], [None, "(단위: 천원)"]]) == 1_000
    assert unit_note([["(단위:백만원)"]]) == 10**6
    assert unit_note([["단위 : 억원, 명"]]) == 10**8
    assert unit_note([["단위사업별 예산 현황"]]) is None
    assert unit_note([]) is None


def test_a_foreign_unit_is_named_in_the_refusal():
    from loaders.headers import unknown_unit_note

    assert unknown_unit_note([["(단위: 천원)"], ["(단위: 달러)"]]) == "달러"
    assert unknown_unit_note([["(단위: 달러)"], ["(단위: 천원)"]]) is None  # the nearest note is in won
    note = "2026년 예산\n(단위: 달러)\n연도,월,세부사업명,재원,예산액,집행액\n2026,1,A,국비,100,50\n"
    errors = [str(p) for p in load_file(note.encode(), "b.csv", "budget").errors]
    assert errors[0] == (
        "3행 '예산액' 열: '달러' 단위의 금액은 받을 수 없습니다. 원·천원·백만원·억원·조원 단위로 적어 주세요 "
        "(다른 통화나 단위는 환산하지 않습니다)."
    )
    header = "연도,월,세부사업명,재원,예산액(USD),집행액(원)\n2026,1,A,국비,100,50\n"
    assert "'USD' 단위의 금액은 받을 수 없습니다" in str(load_file(header.encode(), "b.csv", "budget").errors[0])


def test_locate_table_two_row_header_with_merges():
    sheet = Sheet(
        "s",
        [
            ["제목", "", "", "", ""],
            ["연도", "세부사업명", "재원", "금액(단위: 백만원)", ""],
            ["", "", "", "예산액", "집행액"],
            [2025.0, "A", "국비", 1.0, 1.0],
        ],
        merged=[(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 1, 4)],
    )
    table = locate_table([sheet])
    assert table is not None and table.dataset.name == "budget"
    assert table.header_rows == (1, 2)
    assert table.mapping["year"].written == "연도"
    assert table.mapping["executed_krw"].written == "금액(단위: 백만원) 집행액"
    assert table.unit_of("planned_krw") == 10**6


def test_locate_table_prefers_the_header_unit_over_the_note():
    sheet = Sheet(
        "s", [["(단위: 천원)"], ["연도", "세부사업명", "재원", "예산액(원)", "집행액"], [2025.0, "A", "국비", 1.0, 1.0]]
    )
    table = locate_table([sheet])
    assert table.unit_of("planned_krw") == 1 and table.unit_of("executed_krw") == 1_000


def test_locate_table_picks_the_sheet_with_the_table():
    cover = Sheet("표지", [["예산 집행 현황"], ["작성: 인공지능산업과"]])
    data = Sheet("data", [["기준월", "기업명", "산업분야", "신규채용", "재직자수"], ["2025-01", "A", "x", 1.0, 2.0]])
    table = locate_table([cover, data])
    assert table.sheet is data and table.dataset.name == "jobs"


def test_read_sheets_csv_delimiters_and_encodings():
    text = "제목\n(단위: 천원)\n연도;세부사업명;재원;예산액;집행액\n2025;A;국비;1,000;2,000\n"
    for encoding in ("utf-8", "utf-8-sig", "cp949"):
        sheets = read_sheets(text.encode(encoding), "x.csv")
        table = locate_table(sheets)
        assert table is not None and table.dataset.name == "budget", encoding
        assert table.sheet.rows[3] == ["2025", "A", "국비", "1,000", "2,000"]


# ---------------------------------------------------------------------------
# Fuzz (seeded): junk in every cell never raises, and a file that passes has exact integer totals
# ---------------------------------------------------------------------------

JUNK = [
    None,
    "",
    " ",
    "-",
    "—",
    "약 300",
    "1,234",
    "1,23",
    "(1,000)",
    "△5",
    "0",
    0,
    1,
    -1,
    0.5,
    1.5,
    2025,
    2025.1,
    202503,
    1e300,
    -1e300,
    10**30,
    "1e400",
    "99999999999999999999999",
    "inf",
    "NaN",
    True,
    False,
    dt.datetime(2025, 3, 1),
    dt.datetime(1900, 1, 1),
    "2025-03",
    "2025-13",
    "2025년 3월",
    "20250930",
    "합계",
    "소계",
    "※ 주석",
    "Note: x",
    "국비",
    "도비",
    "국고",
    "데이터센터",
    "운영",
    "35.2",
    "126.8",
    "=SUM(A1:A3)",
    "'1000",
    "１２３",
    "₩1,000",
    "250원",
    "3억원",
    "\n",
    "\t",
    "a" * 300,
    "😀",
]


@pytest.mark.parametrize("dataset", ["budget", "jobs", "companies", "sites"])
def test_fuzzed_cells_never_raise(tmp_path: Path, dataset: str):
    from loaders.contract import DATASETS

    headers = [f"{c.label}(천원)" if c.kind.value == "money" else c.label for c in DATASETS[dataset].columns]
    rng = random.Random(dataset)
    for attempt in range(25):
        g = Grid()
        g.add("제목")
        g.add(*headers)
        for _ in range(rng.randrange(0, 8)):
            g.add(*(rng.choice(JUNK) for _ in headers))
        path = write_xlsx(tmp_path / f"{dataset}_{attempt}.xlsx", g)
        for data, name in ((path.read_bytes(), path.name), (_as_csv(g), "x.csv")):
            result = load_file(data, name)
            answer = result.as_json()
            json.dumps(answer, ensure_ascii=False, allow_nan=False)
            if answer["ok"]:
                for key, value in answer["totals"].items():
                    assert isinstance(value, int) or key == "area_m2", (key, value)
            else:
                assert answer["errors"] and all(HANGUL.search(e["message"]) for e in answer["errors"])


def _as_csv(g: Grid) -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(["" if v is None else str(v) for v in row] for row in g.rows)
    return text.getvalue().encode("utf-8")


def test_a_loader_bug_refuses_the_file_instead_of_raising(tmp_path: Path, monkeypatch):
    import loaders.load

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(loaders.load, "cell_parser", lambda *args, **kwargs: broken)
    case = build("budget_title_notes_unit_note", tmp_path)
    result = run(case)
    assert not result.ok and result.frame.empty
    assert result.as_json()["rows"] is None and "저장하지 않았습니다" in result.errors[0].message


# --- units that change a count's or an area's scale (added by the lead) ---------------------------------


@pytest.mark.parametrize(("header", "unit"), [("면적(평)", "평"), ("면적(천㎡)", "천m2"), ("면적 (단위: ha)", "ha")])
def test_area_in_another_unit_is_refused_not_read_as_square_metres(tmp_path, header, unit):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["시설명", "구분", "상태", "위도", "경도", header])
    sheet.append(["국가 AI 데이터센터", "데이터센터", "운영", 35.2312, 126.8457, 1966])
    path = tmp_path / "sites.xlsx"
    book.save(path)
    result = load_file(path.read_bytes(), path.name)
    assert not result.ok
    assert [(p.row, p.column) for p in result.errors] == [(1, header)]
    assert f"'{unit}' 단위는 받을 수 없습니다" in result.errors[0].message


def test_out_of_phase_years_give_one_warning_per_year(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["연도", "월", "세부사업명", "재원", "예산액(원)", "집행액(원)"])
    for month in range(1, 13):
        sheet.append([2015, month, "사전 기획", "국비", 100, 50])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    result = load_file(path.read_bytes(), path.name)
    assert result.ok
    outside = [w for w in result.warnings if "설정된 사업 단계에 속하지 않습니다" in w.message]
    assert len(outside) == 1 and "12행" in outside[0].message and outside[0].row == 2

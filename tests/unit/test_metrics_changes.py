"""compare_versions: rows added, removed and changed by key, and exact totals, against hand-computed figures."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from loaders import load_file
from metrics.changes import compare_versions, measure_totals

REPO_ROOT = Path(__file__).resolve().parents[2]


def budget(rows: list[tuple]) -> pd.DataFrame:
    """Budget rows (year, month, program, source, planned, executed), typed like the loader's frame."""
    return pd.DataFrame(
        {
            "year": pd.array([r[0] for r in rows], dtype="Int64"),
            "month": pd.array([r[1] for r in rows], dtype="Int64"),
            "phase": pd.array([2] * len(rows), dtype="Int64"),
            "strategy": pd.array(["산업 기반 조성"] * len(rows), dtype="str"),
            "program": pd.array([r[2] for r in rows], dtype="str"),
            "source": pd.array([r[3] for r in rows], dtype="str"),
            "planned_krw": pd.array([r[4] for r in rows], dtype="Int64"),
            "executed_krw": pd.array([r[5] for r in rows], dtype="Int64"),
            "source_row": pd.array(range(5, 5 + len(rows)), dtype="int64"),
        }
    )


BEFORE = budget(
    [
        (2025, 1, "AI 데이터센터 구축", "국비", 100_000_000, 50_000_000),
        (2025, 1, "창업 보육", "국비", 200_000_000, 100_000_000),
        (2025, 2, "AI 데이터센터 구축", "국비", 300_000_000, 0),
    ]
)
AFTER = budget(
    [
        (2025, 1, "AI 데이터센터 구축", "국비", 100_000_000, 50_000_000),  # same
        (2025, 1, "창업 보육", "국비", 200_000_000, 150_000_000),  # executed 100,000,000 → 150,000,000
        (2025, 2, "창업 보육", "시비", 400_000_000, 10_000_000),  # new; (2025, 2, AI 데이터센터 구축) removed
    ]
)


def test_added_removed_and_changed_rows_by_key():
    changes = compare_versions("budget", BEFORE, AFTER)
    assert changes.key == ("year", "month", "program", "source")
    assert changes.added[["year", "month", "program", "source"]].values.tolist() == [[2025, 2, "창업 보육", "시비"]]
    assert changes.added["source_row"].tolist() == [7]  # the row in the new file
    assert changes.removed[["program", "planned_krw", "source_row"]].values.tolist() == [
        ["AI 데이터센터 구축", 300_000_000, 7]
    ]
    assert changes.changed_rows == 1
    assert changes.unchanged_rows == 1
    assert changes.changed_columns == ("executed_krw",)
    cell = changes.changed.iloc[0]
    assert (cell["program"], cell["column"], cell["before"], cell["after"]) == (
        "창업 보육",
        "executed_krw",
        100_000_000,
        150_000_000,
    )
    assert (cell["source_row_before"], cell["source_row_after"]) == (6, 6)
    assert not changes.is_empty


def test_totals_before_after_and_difference_are_exact_won():
    changes = compare_versions("budget", BEFORE, AFTER)
    # planned: 100+200+300 = 600 (백만원) before; 100+200+400 = 700 after
    # executed: 50+100+0 = 150 before; 50+150+10 = 210 after
    assert changes.totals_before == {"planned_krw": 600_000_000, "executed_krw": 150_000_000}
    assert changes.totals_after == {"planned_krw": 700_000_000, "executed_krw": 210_000_000}
    assert changes.difference == {"planned_krw": 100_000_000, "executed_krw": 60_000_000}
    assert all(type(v) is int for v in [*changes.totals_before.values(), *changes.totals_after.values()])
    assert (changes.rows_before, changes.rows_after) == (3, 3)


def test_row_order_and_excel_rows_alone_are_no_change():
    shuffled = AFTER.iloc[::-1].reset_index(drop=True).assign(source_row=[20, 21, 22])
    changes = compare_versions("budget", AFTER, shuffled)
    assert changes.is_empty
    assert changes.changed_rows == 0 and changes.unchanged_rows == 3
    assert changes.difference == {"planned_krw": 0, "executed_krw": 0}


def test_missing_key_values_match_each_other():
    """A yearly budget has no month: rows still pair up by year, programme and source."""
    before = budget([(2024, None, "창업 보육", "국비", 10, 5), (2024, None, "창업 보육", "시비", 20, 5)])
    after = budget([(2024, None, "창업 보육", "국비", 10, 7), (2024, None, "창업 보육", "시비", 20, 5)])
    changes = compare_versions("budget", before, after)
    assert changes.added.empty and changes.removed.empty
    assert changes.changed[["source", "before", "after"]].values.tolist() == [["국비", 5, 7]]


def test_a_value_becoming_missing_is_a_change():
    before = budget([(2025, 3, "창업 보육", "국비", 10, 5)])
    after = budget([(2025, 3, "창업 보육", "국비", 10, None)])
    changes = compare_versions("budget", before, after)
    assert changes.changed_rows == 1
    assert changes.changed.iloc[0]["after"] is pd.NA
    assert changes.totals_after == {"planned_krw": 10, "executed_krw": 0}


def test_first_version_adds_every_row_and_none_removes_every_row():
    first = compare_versions("budget", None, AFTER)
    assert len(first.added) == 3 and first.removed.empty and first.changed.empty
    assert first.totals_before == {}
    assert first.difference == {"planned_krw": 700_000_000, "executed_krw": 210_000_000}
    emptied = compare_versions("budget", AFTER, None)
    assert len(emptied.removed) == 3 and emptied.added.empty
    assert emptied.difference == {"planned_krw": -700_000_000, "executed_krw": -210_000_000}


def test_duplicate_keys_are_paired_in_order():
    before = budget([(2025, 1, "창업 보육", "국비", 1, 1), (2025, 1, "창업 보육", "국비", 2, 2)])
    after = budget([(2025, 1, "창업 보육", "국비", 1, 1), (2025, 1, "창업 보육", "국비", 3, 2)])
    changes = compare_versions("budget", before, after)
    assert changes.changed[["column", "before", "after"]].values.tolist() == [["planned_krw", 2, 3]]
    assert changes.changed_rows == 1 and changes.unchanged_rows == 1


def test_jobs_months_and_counts():
    def jobs(rows):
        return pd.DataFrame(
            {
                "month": pd.to_datetime([r[0] for r in rows]),
                "company": pd.array([r[1] for r in rows], dtype="str"),
                "sector": pd.array(["모빌리티"] * len(rows), dtype="str"),
                "new_hires": pd.array([r[2] for r in rows], dtype="Int64"),
                "headcount": pd.array([r[3] for r in rows], dtype="Int64"),
                "source_row": pd.array(range(2, 2 + len(rows)), dtype="int64"),
            }
        )

    before = jobs([("2026-09-01", "가나AI", 3, 30), ("2026-10-01", "가나AI", 2, 32)])
    after = jobs([("2026-09-01", "가나AI", 3, 30), ("2026-10-01", "가나AI", 4, 34), ("2026-11-01", "가나AI", 1, 35)])
    changes = compare_versions("jobs", before, after)
    assert changes.added["month"].tolist() == [pd.Timestamp("2026-11-01")]
    assert changes.changed_columns == ("new_hires", "headcount")
    assert changes.totals_before == {"new_hires": 5, "headcount": 62}
    assert changes.totals_after == {"new_hires": 8, "headcount": 99}


def test_measure_totals_only_counts_measures():
    assert measure_totals("budget", BEFORE) == {"planned_krw": 600_000_000, "executed_krw": 150_000_000}
    assert measure_totals("budget", None) == {}


def test_sample_budget_against_an_edited_copy():
    """The bundled sample with one cell edited and one row deleted in Excel: exactly those two changes."""
    original = (REPO_ROOT / "data" / "budget.xlsx").read_bytes()
    workbook = load_workbook(io.BytesIO(original))
    sheet = workbook.worksheets[0]
    header_row = next(r for r in range(1, 10) if any(str(c.value or "").startswith("집행액") for c in sheet[r]))
    headers = [str(c.value or "") for c in sheet[header_row]]
    executed_col = next(i for i, h in enumerate(headers, start=1) if h.startswith("집행액"))
    planned_col = next(i for i, h in enumerate(headers, start=1) if h.startswith("예산액"))
    assert any("(단위: 천원)" in str(c.value or "") for r in range(1, header_row) for c in sheet[r])  # money in 천원
    edited_row, deleted_row = header_row + 1, header_row + 3
    old_value = sheet.cell(edited_row, executed_col).value
    sheet.cell(edited_row, executed_col).value = old_value + 7  # +7천원 = +7,000원
    deleted_planned = sheet.cell(deleted_row, planned_col).value
    deleted_executed = sheet.cell(deleted_row, executed_col).value
    sheet.delete_rows(deleted_row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    before = load_file(original, "budget.xlsx")
    after = load_file(buffer.getvalue(), "budget.xlsx")
    assert before.ok and after.ok
    changes = compare_versions("budget", before.frame, after.frame)
    assert len(changes.added) == 0
    assert changes.removed["source_row"].tolist() == [deleted_row]
    assert changes.changed[["column", "before", "after"]].values.tolist() == [
        ["executed_krw", old_value * 1000, (old_value + 7) * 1000]
    ]
    assert changes.totals_before == before.totals  # the loader's own sums
    assert changes.difference == {
        "planned_krw": -deleted_planned * 1000,
        "executed_krw": 7000 - deleted_executed * 1000,
    }
    assert changes.rows_before - changes.rows_after == 1


def test_sample_budget_against_the_e_hojo_fixture():
    sample = load_file((REPO_ROOT / "data" / "budget.xlsx").read_bytes(), "budget.xlsx")
    ehojo = load_file(
        (REPO_ROOT / "tests" / "fixtures" / "budget_ehojo_style.xlsx").read_bytes(), "budget_ehojo_style.xlsx"
    )
    changes = compare_versions("budget", sample.frame, ehojo.frame)
    # The e-호조 export has yearly rows (no month): none pairs with the sample's monthly rows.
    assert (len(changes.added), len(changes.removed), changes.changed_rows) == (36, sample.rows, 0)
    assert changes.totals_after == {"planned_krw": 161_937_000_000, "executed_krw": 107_930_990_000}  # expected.json

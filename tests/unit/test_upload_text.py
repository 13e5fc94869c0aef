"""present.upload_text: the upload page's sentences and counts, and the session keys an import forgets."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders import LoadResult
from metrics.changes import compare_versions
from present.upload_text import change_counts, file_state_keys, saved_values, valid_text
from store import Version


def result(sheet: str | None) -> LoadResult:
    frame = pd.DataFrame({"company": ["가", "나"], "source_row": [2, 3]})
    return LoadResult("x.xlsx", "companies", frame=frame, sheet=sheet)


def test_a_spreadsheet_names_its_sheet_a_csv_does_not():
    assert valid_text(result("기업"), "입주 기업", "기업.xlsx", "ko") == "검사 통과: 입주 기업 2행 (시트: 기업)"
    assert valid_text(result("기업"), "Companies", "기업.CSV", "en") == "Check passed: Companies, 2 rows"
    assert valid_text(result(None), "입주 기업", "기업.xlsx", "ko") == "검사 통과: 입주 기업 2행"


def test_the_four_counts_of_a_comparison():
    before = pd.DataFrame({"company": ["가", "나", "다"], "employees": [1, 2, 3], "source_row": [2, 3, 4]})
    after = pd.DataFrame({"company": ["가", "나", "라"], "employees": [1, 5, 3], "source_row": [2, 3, 4]})
    changes = compare_versions("companies", before, after)
    counts = dict(change_counts(changes, "ko"))
    assert list(counts.values()) == ["1행", "1행", "1행", "1행"]  # 라 added, 다 removed, 나 changed, 가 as it was
    assert len(change_counts(changes, "en")) == 4


def test_an_import_forgets_the_file_and_its_dates_but_not_the_rest():
    keys = ["upload_sha", "upload_as_of_budget", "upload_generation", "language", "upload_as_of_companies"]
    forgotten = file_state_keys(keys)
    assert "upload_as_of_budget" in forgotten and "upload_as_of_companies" in forgotten
    assert "upload_generation" not in forgotten and "language" not in forgotten
    assert {"upload_sha", "upload_results", "upload_detected", "upload_shown", "upload_replace"} <= set(forgotten)


def test_the_saved_line_values():
    version = Version(
        7, "budget", 4, dt.datetime(2026, 11, 2, tzinfo=dt.UTC), "kim", "예산.xlsx", "0" * 64, 12345, {}, None, None, ""
    )
    assert saved_values("예산 집행", version) == {
        "dataset": "예산 집행",
        "number": 4,
        "rows": "12,345",
        "file": "예산.xlsx",
    }

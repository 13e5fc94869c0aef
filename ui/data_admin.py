"""Tables the staff pages show (problems, preview, changes, versions, audit log), built from plain data.

No widgets here: each function returns a DataFrame (and, for st.dataframe, a column_config) in the given
language, so the pages stay short and the tables can be unit-tested. Money is exact won throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from loaders.contract import DATASETS, Kind
from loaders.problems import Problem
from metrics.changes import Changes
from present import format as fmt
from present.i18n import LANGUAGES, translate
from store import SAMPLE_USER, Version

KOREA = ZoneInfo("Asia/Seoul")
PROVENANCE = "source_row"
TABLE_MEASURES = 2  # totals shown in the versions table; the version's detail shows every one


def spreadsheet_datasets() -> list[str]:
    """Datasets that come as spreadsheets (xlsx, xls, csv) and so have an upload template: not GeoJSON ones."""
    return [name for name, d in DATASETS.items() if not d.is_geographic]


def uploadable_datasets() -> list[str]:
    """Every dataset staff may upload: the spreadsheets, then the GeoJSON ones (parcels)."""
    return spreadsheet_datasets() + [name for name, d in DATASETS.items() if d.is_geographic]


def asks_for_as_of(dataset: str, result) -> bool:
    """Whether the staffer should say which date the file's figures are as of: its dataset takes a 기준일 and the
    file gives none (a companies file without one is refused for it; a budget file without months may be a
    year-to-date export)."""
    if "as_of" not in {c.name for c in DATASETS[dataset].columns}:
        return False
    if not result.ok:
        return any(p.column == DATASETS[dataset].column("as_of").label for p in result.errors)
    frame = result.frame
    return "as_of" not in frame.columns and ("month" not in frame.columns or frame["month"].isna().all())


def language_key(base: str, lang: str) -> str:
    """A widget key per language, for selectboxes whose option labels are translated.

    Streamlit keeps showing the label the selected option had when it was chosen, so after a language switch
    the box would still read "예산 집행". A key per language makes a fresh widget; its value is carried over
    from the other language's widget (still in session_state during the run that switches)."""
    key = f"{base}__{lang}"
    if key not in st.session_state:
        for other in LANGUAGES:
            previous = f"{base}__{other}"
            if other != lang and previous in st.session_state:
                st.session_state[key] = st.session_state[previous]
                break
    return key


def set_language_keyed(base: str, lang: str, value: object) -> None:
    """Set a language_key widget's value before it is drawn (and forget the other languages' copies)."""
    for other in LANGUAGES:
        st.session_state.pop(f"{base}__{other}", None)
    st.session_state[f"{base}__{lang}"] = value


def korea_time(value: dt.datetime | pd.Timestamp | None, lang: str = "ko") -> str:
    """A UTC instant as Korea time: "2026. 11. 25. 18:28" / "25 Nov 2026 18:28"."""
    if value is None or pd.isna(value):
        return "–"
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    local = stamp.tz_convert(KOREA).to_pydatetime()
    return f"{fmt.date_label(local.date(), lang)} {local:%H:%M}"


def column_label(dataset: str, name: str, lang: str) -> str:
    """The column's name as readers know it: the contract's Korean label, or the English message."""
    if name == PROVENANCE:
        return translate("admin.source_row", lang)
    if lang == "ko" and dataset in DATASETS and any(c.name == name for c in DATASETS[dataset].columns):
        return DATASETS[dataset].column(name).label
    try:
        return translate(f"admin.col.{name}", lang)
    except KeyError:
        return name


def _kind(dataset: str, name: str) -> Kind | None:
    if dataset in DATASETS and any(c.name == name for c in DATASETS[dataset].columns):
        return DATASETS[dataset].column(name).kind
    return None


def cell_text(dataset: str, name: str, value: Any, lang: str) -> str:
    """One value as text, exactly: money to the won, counts grouped, months and dates as Koreans write them."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    kind = _kind(dataset, name)
    if kind is Kind.MONEY:
        return fmt.money_exact(int(value), lang)
    if kind is Kind.COUNT:
        return fmt.count(int(value), "", lang)
    if kind is Kind.MONTH:
        return fmt.month_label(pd.Timestamp(value).date(), lang)
    if kind is Kind.DATE:
        return fmt.date_label(pd.Timestamp(value).date(), lang)
    if kind is Kind.NUMBER and float(value).is_integer():
        return f"{int(value):,}"
    if kind is Kind.YEAR or kind is Kind.MONTH_NUMBER or kind is Kind.PHASE:
        return str(int(value))
    return str(value)


def money_format(lang: str) -> str:
    """printf format for exact won in st.dataframe: 161,937,000,000원 / KRW 161,937,000,000."""
    return "%,d원" if lang == "ko" else "KRW %,d"


def rows_table(dataset: str, frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """A dataset's rows for st.dataframe: readable headers, money as exact won (numbers stay numbers, so they
    sort), months and dates as text, the Excel row last. Returns (frame, column_config)."""
    shown = pd.DataFrame(index=frame.index)
    config: dict[str, object] = {}
    for name in frame.columns:
        label = column_label(dataset, name, lang)
        kind = _kind(dataset, name)
        values = frame[name]
        if kind in (Kind.MONTH, Kind.DATE) or (values.isna().any() and kind is not None and kind is not Kind.TEXT):
            # As text: dates as Koreans write them, and "–" rather than "None" for an empty cell.
            shown[label] = [cell_text(dataset, name, v, lang) for v in values]
            continue
        shown[label] = values.fillna("–") if kind is Kind.TEXT and values.isna().any() else values
        if kind is Kind.MONEY:
            config[label] = st.column_config.NumberColumn(label, format=money_format(lang))
        elif kind is Kind.COUNT:
            config[label] = st.column_config.NumberColumn(label, format="%,d")
        elif kind in (Kind.YEAR, Kind.MONTH_NUMBER, Kind.PHASE) or name == PROVENANCE:
            config[label] = st.column_config.NumberColumn(label, format="%d")
    return shown.reset_index(drop=True), config


def problems_table(problems: Sequence[Problem], lang: str, note: bool = False) -> pd.DataFrame:
    """Every problem as 행 · 열 · 문제 (rows in file order; file-level problems, without a row, first)."""
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or ""))
    return pd.DataFrame(
        {
            translate("upload.col_row", lang): ["" if p.row is None else str(p.row) for p in ordered],
            translate("upload.col_column", lang): [p.column or "" for p in ordered],
            translate("upload.col_note" if note else "upload.col_problem", lang): [p.message for p in ordered],
        }
    )


def totals_table(dataset: str, changes: Changes, lang: str) -> pd.DataFrame:
    """항목 · 지금 버전 · 새 파일 · 차이, exact, one row per measure, plus the row count."""
    first = not changes.totals_before and changes.rows_before == 0
    return totals_comparison(
        dataset,
        None if first else changes.totals_before,
        changes.totals_after,
        None if first else changes.rows_before,
        changes.rows_after,
        lang,
    )


def totals_comparison(
    dataset: str,
    before: Mapping[str, int | float] | None,
    after: Mapping[str, int | float],
    rows_before: int | None,
    rows_after: int,
    lang: str,
    before_label: str | None = None,
    after_label: str | None = None,
) -> pd.DataFrame:
    """Each measure's exact total before and after, and the difference; `before` None: nothing yet ("–")."""
    names = [c.name for c in DATASETS[dataset].measures if c.name in (before or {}) or c.name in after]
    measure, old_texts, new_texts, difference = [], [], [], []
    for name in names:
        old = (before or {}).get(name, 0)
        new = after.get(name, 0)
        measure.append(column_label(dataset, name, lang))
        old_texts.append(cell_text(dataset, name, old, lang) if before is not None else "–")
        new_texts.append(cell_text(dataset, name, new, lang))
        difference.append(_signed(dataset, name, new - old, lang))
    measure.append(translate("changes.rows_total", lang))
    old_texts.append(fmt.count(rows_before, "", lang) if rows_before is not None else "–")
    new_texts.append(fmt.count(rows_after, "", lang))
    difference.append(_signed_count(rows_after - (rows_before or 0), lang))
    return pd.DataFrame(
        {
            translate("changes.col_measure", lang): measure,
            before_label or translate("changes.col_before", lang): old_texts,
            after_label or translate("changes.col_after", lang): new_texts,
            translate("changes.col_difference", lang): difference,
        }
    )


def _signed(dataset: str, name: str, delta: int | float, lang: str) -> str:
    if delta == 0:
        return "0" if _kind(dataset, name) is not Kind.MONEY else cell_text(dataset, name, 0, lang)
    text = cell_text(dataset, name, abs(delta), lang)
    return ("+" if delta > 0 else "-") + text


def _signed_count(delta: int, lang: str) -> str:
    return "0" if delta == 0 else ("+" if delta > 0 else "-") + fmt.count(abs(delta), "", lang)


def changed_cells_table(dataset: str, changes: Changes, lang: str) -> pd.DataFrame:
    """One line per changed value: the row's key, which column, the current and the new value, Excel rows."""
    data: dict[str, list[str]] = {}
    cells = changes.changed
    for name in changes.key:
        data[column_label(dataset, name, lang)] = [cell_text(dataset, name, v, lang) for v in cells[name]]
    data[translate("changes.col_field", lang)] = [column_label(dataset, c, lang) for c in cells["column"]]
    data[translate("changes.col_old", lang)] = [
        cell_text(dataset, c, v, lang) for c, v in zip(cells["column"], cells["before"], strict=False)
    ]
    data[translate("changes.col_new", lang)] = [
        cell_text(dataset, c, v, lang) for c, v in zip(cells["column"], cells["after"], strict=False)
    ]
    data[translate("changes.col_rows", lang)] = [
        f"{_row(a)} → {_row(b)}" for a, b in zip(cells["source_row_before"], cells["source_row_after"], strict=False)
    ]
    return pd.DataFrame(data)


def _row(value: Any) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def versions_table(dataset: str, versions: Sequence[Version], lang: str) -> pd.DataFrame:
    """버전 · 비고 · 올린 때 · 올린 사람 · 파일 · 행 수 · each total, newest first.

    Totals are short here (1,619.4억원) and only the dataset's first two measures (budget: 예산액, 집행액;
    companies: 기업가치, 누적투자유치) so the table fits a 1280-pixel screen; `version_totals_table` gives all of
    them, to the won, for the chosen version.
    """
    measures = [c.name for c in DATASETS[dataset].measures][:TABLE_MEASURES] if dataset in DATASETS else []
    latest = max((v.number for v in versions), default=None)
    data: dict[str, list[object]] = {
        translate("history.col_number", lang): [v.number for v in versions],
        translate("history.col_note", lang): [_version_note(v, v.number == latest, lang) for v in versions],
        translate("history.col_when", lang): [korea_time(v.created_at, lang) for v in versions],
        translate("history.col_who", lang): [who(v, lang) for v in versions],
        translate("history.col_file", lang): [v.filename for v in versions],
        translate("history.col_rows", lang): [fmt.count(v.row_count, "", lang) for v in versions],
    }
    for name in measures:
        if any(name in v.totals for v in versions):
            data[column_label(dataset, name, lang)] = [
                short_total(dataset, name, v.totals[name], lang) if name in v.totals else "–" for v in versions
            ]
    return pd.DataFrame(data)


def who(version: Version, lang: str) -> str:
    """Who made the version; the seeding's "샘플 데이터" reads "sample data" in English."""
    return translate("history.sample", lang) if version.created_by == SAMPLE_USER else version.created_by


def short_total(dataset: str, name: str, value: int | float, lang: str) -> str:
    """Money in 억원/조원 (rounded for reading), other measures as exact as `cell_text`."""
    if _kind(dataset, name) is Kind.MONEY:
        return fmt.money(int(value), lang)
    return cell_text(dataset, name, value, lang)


def version_totals_table(dataset: str, version: Version, lang: str) -> pd.DataFrame:
    """One version's totals to the won: 항목 · 합계, plus the row count."""
    names = [c.name for c in DATASETS[dataset].measures if c.name in version.totals]
    return pd.DataFrame(
        {
            translate("changes.col_measure", lang): [column_label(dataset, n, lang) for n in names]
            + [translate("changes.rows_total", lang)],
            translate("history.col_total", lang): [cell_text(dataset, n, version.totals[n], lang) for n in names]
            + [fmt.count(version.row_count, "", lang)],
        }
    )


def _version_note(version: Version, current: bool, lang: str) -> str:
    parts = []
    if current:
        parts.append(translate("history.current", lang))
    if version.rolled_back_from is not None:
        parts.append(
            translate("history.restored", lang, number=version.rolled_back_from, ro=fmt.ro(version.rolled_back_from))
        )
    if version.is_sample and version.created_by != SAMPLE_USER:  # e.g. a rollback to the sample
        parts.append(translate("history.sample", lang))
    if version.note and not version.is_sample:
        parts.append(version.note)
    return " · ".join(parts)


def audit_table(log: pd.DataFrame, lang: str, dataset_label=lambda name: name) -> pd.DataFrame:
    """The audit log for reading: 시각(한국 시간) · 사용자 · 작업 · 데이터 · 버전 · 내용."""
    return pd.DataFrame(
        {
            translate("audit.col_when", lang): [korea_time(v, lang) for v in log["at"]],
            translate("audit.col_user", lang): list(log["user"]),
            translate("audit.col_action", lang): [action_label(a, lang) for a in log["action"]],
            translate("audit.col_dataset", lang): [
                dataset_label(d) if isinstance(d, str) and d else "" for d in log["dataset"]
            ],
            translate("audit.col_number", lang): ["" if pd.isna(n) else str(int(n)) for n in log["number"]],
            translate("audit.col_detail", lang): [detail_text(d, lang) for d in log["detail"]],
        }
    )


def action_label(action: str, lang: str) -> str:
    try:
        return translate(f"audit.action.{action}", lang)
    except KeyError:
        return action


def detail_text(detail: Mapping | None, lang: str) -> str:
    """An audit entry's details in a line: file and rows of an import, what a rollback restored, why a sign-in failed."""
    if not detail:
        return ""
    parts = []
    if "restored" in detail:
        parts.append(
            translate("audit.detail.restored", lang, restored=detail["restored"], replaced=detail.get("replaced", "–"))
        )
    if detail.get("filename"):
        parts.append(translate("audit.detail.file", lang, file=detail["filename"]))
    if detail.get("rows") is not None:
        parts.append(translate("audit.detail.rows", lang, rows=f"{int(detail['rows']):,}"))
    if detail.get("reason"):
        try:
            reason = translate(f"audit.reason.{detail['reason']}", lang)
        except KeyError:
            reason = str(detail["reason"])
        parts.append(translate("audit.detail.reason", lang, reason=reason))
    if detail.get("method"):
        try:
            method = translate(f"audit.method.{detail['method']}", lang)
        except KeyError:
            method = str(detail["method"])
        parts.append(translate("audit.detail.method", lang, method=method))
    if detail.get("failures") is not None:
        parts.append(translate("audit.detail.burst", lang, failures=f"{int(detail['failures']):,}"))
    if detail.get("refused"):
        parts.append(translate("audit.detail.refused", lang, refused=f"{int(detail['refused']):,}"))
    if detail.get("ended") == "signed_in":
        parts.append(translate("audit.detail.burst_ended", lang))
    if detail.get("address"):
        parts.append(translate("audit.detail.address", lang, address=detail["address"]))
    if detail.get("warnings"):
        parts.append(translate("audit.detail.warnings", lang, count=len(detail["warnings"])))
    if detail.get("note"):
        parts.append(str(detail["note"]))
    return " · ".join(parts)


def template_file_name(dataset_label: str, lang: str) -> str:
    return translate("upload.template_file", lang, dataset=dataset_label.replace("·", "_").replace(" ", ""))


def join_labels(dataset: str, names: Iterable[str], lang: str) -> str:
    return " · ".join(column_label(dataset, n, lang) for n in names)

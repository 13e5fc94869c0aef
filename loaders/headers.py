"""Finding the table in a sheet: the header row(s), the unit of money, and which column is which.

Handles title rows above the header, a unit note such as "(단위: 천원)", units in headers
("예산액(백만원)"), and two-row headers whose group cell is merged over its sub-headers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .contract import DATASETS, DERIVED, HEADER_PREFIXES, HEADER_SUFFIXES, Column, Dataset, Kind
from .sheet import Sheet

# How far down to look for the header: real exports carry a few title and note rows, never dozens.
HEADER_SEARCH_ROWS = 30

# Won per unit. Longest names first so "백만원" is not read as "만원" or "원".
UNITS: dict[str, int] = {
    "조원": 10**12,
    "십억원": 10**9,
    "억원": 10**8,
    "천만원": 10**7,
    "백만원": 10**6,
    "만원": 10**4,
    "천원": 10**3,
    "원": 1,
    "krw": 1,
}
_UNIT_NAMES = "|".join(sorted(UNITS, key=len, reverse=True))
_UNIT_NOTE = re.compile(rf"단위\s*[:：]?\s*({_UNIT_NAMES})", re.IGNORECASE)
_UNIT_IN_HEADER = re.compile(
    rf"[(\[（［<]\s*(?:단위\s*[:：]?\s*)?({_UNIT_NAMES})\s*[)\]）］>,/;]|[_\s]({_UNIT_NAMES})$", re.IGNORECASE
)
_BRACKETED = re.compile(r"[(\[{<（［].*?[)\]}>）］]")
# A unit note naming something that is not a won unit ("(단위: 백만달러)"): unknown, never guessed.
_ANY_UNIT_NOTE = re.compile(r"(?:[(\[（［<]\s*단위\s*[:：]?|단위\s*[:：])\s*([^\s,)\]）］>;/]+)")
_BRACKET_CONTENT = re.compile(r"[(\[（［<]([^)\]）］>]*)[)\]）］>]")
_CURRENCY_WORD = re.compile(r"원|달러|불|usd|\$|엔|¥|유로|€|eur|위안|cny|jpy")
_PUNCTUATION = re.compile(r"[\s_\-/.·:,'\"*※]+")


def normalise_header(text: object) -> str:
    """A header reduced to what identifies it: no case, spaces, brackets, punctuation or unit suffix."""
    s = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    s = _BRACKETED.sub("", s)
    s = _PUNCTUATION.sub("", s)
    for unit in sorted(UNITS, key=len, reverse=True):
        if unit != "원" and s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    return s


# Units that change a count's or an area's scale: stored values are people, companies and ㎡, so a header
# saying "면적(평)" or "재직자수(천명)" would be read 3.3 or 1,000 times off. Refused, never converted.
_SCALED_UNIT = re.compile(
    r"[(\[（［]\s*(?:단위\s*[:：]?\s*)?(평|천\s*m2|만\s*m2|ha|헥타르|천\s*명|만\s*명|백\s*명|천\s*개|%|퍼센트)\s*[)\]）］]"
)


def scaled_unit_in_header(text: object) -> str | None:
    """A non-money unit a header states that is not the stored one (평, 천㎡, 천명, %), if any."""
    match = _SCALED_UNIT.search(unicodedata.normalize("NFKC", str(text or "")).lower())
    return match.group(1) if match else None


def unit_in_header(text: object) -> int | None:
    """Won per unit stated in a header cell ("예산액(백만원)", "집행액_천원"), if any."""
    s = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    match = _UNIT_IN_HEADER.search(s) or _UNIT_NOTE.search(s)
    if not match:
        return None
    return UNITS[next(g for g in match.groups() if g)]


def unknown_unit_in_header(text: object) -> str | None:
    """A money unit a header states that is not a won unit ("기업가치(백만달러)", "(USD)"), if any.

    Such a column must not fall back to the table's unit note: dollars read as 억원 are a wrong number.
    """
    s = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    note = _ANY_UNIT_NOTE.search(s)
    if note and not _UNIT_NOTE.search(s):
        return note.group(1)
    for content in _BRACKET_CONTENT.findall(s):
        content = re.sub(r"^\s*단위\s*[:：]?\s*", "", content)
        token = re.split(r"[\s,/;]+", content.strip(), maxsplit=1)[0]
        if token and _CURRENCY_WORD.search(token) and token not in UNITS:
            return token
    return None


def _nearest_unit_note(rows: list[list[object]]) -> tuple[int | None, str | None]:
    """The note nearest the header (an earlier table's note higher up does not apply): (won per unit, None) for a
    won unit, (None, the unit as written) for any other, (None, None) when there is no note."""
    for row in reversed(rows):
        for cell in row:
            if isinstance(cell, str):
                text = unicodedata.normalize("NFKC", cell).lower()
                match = _UNIT_NOTE.search(text)
                if match:
                    return UNITS[match.group(1)], None
                note = _ANY_UNIT_NOTE.search(text)
                if note:
                    return None, note.group(1)
    return None, None


def unit_note(rows: list[list[object]]) -> int | None:
    """Won per unit from a note such as "(단위: 천원)" in the rows above the header.

    A note naming a unit that is not a won unit ("(단위: 백만달러)") gives None: unknown, so the file is refused.
    """
    return _nearest_unit_note(rows)[0]


def unknown_unit_note(rows: list[list[object]]) -> str | None:
    """The unit the nearest note above the header names when it is not a won unit ("(단위: 달러)" → "달러")."""
    return _nearest_unit_note(rows)[1]


# "(기준일: 2026. 10. 31.)", "기준일자 2026-10-31", "2026. 10. 31. 기준", "2026년 10월 31일 현재".
_DATE = r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?"
_AS_OF_NOTES = (re.compile(rf"기준\s*(?:일자|일|시점)?\s*[:：]?\s*{_DATE}"), re.compile(rf"{_DATE}\s*(?:현재|기준)"))


def as_of_note(rows: list[list[object]]) -> tuple[str, int, int, int] | None:
    """The 기준일 a title row above the header gives, nearest the header first: (the note as written, year, month,
    day), not yet checked as a calendar date; None when no row gives one."""
    for row in reversed(rows):
        for cell in row:
            if isinstance(cell, str):
                text = unicodedata.normalize("NFKC", cell)
                for pattern in _AS_OF_NOTES:
                    match = pattern.search(text)
                    if match:
                        return cell.strip(), int(match.group(1)), int(match.group(2)), int(match.group(3))
    return None


_ALIAS_INDEX: dict[str, dict[str, str]] = {
    dataset.name: {
        normalise_header(alias): column.name for column in dataset.columns for alias in (column.label, *column.aliases)
    }
    for dataset in DATASETS.values()
}
_DERIVED_INDEX: dict[str, dict[str, str]] = {
    name: {normalise_header(alias): column.name for column in columns for alias in (column.label, *column.aliases)}
    for name, columns in DERIVED.items()
}


@lru_cache(maxsize=4096)
def header_forms(text: str) -> tuple[str, ...]:
    """A header normalised, then without the words published tables add ("지출액 누계(B)" → 지출액누계, 지출액)."""
    normal = normalise_header(text)
    forms = [normal]
    for suffix in HEADER_SUFFIXES:
        if normal.endswith(suffix) and len(normal) > len(suffix):
            forms.append(normal[: -len(suffix)])
    for prefix in HEADER_PREFIXES:
        if normal.startswith(prefix) and len(normal) > len(prefix):
            forms.append(normal[len(prefix) :])
    return tuple(forms)


@dataclass
class HeaderColumn:
    index: int  # zero-based column in the sheet
    written: str  # header as written in the file (group and sub-header joined for two-row headers)
    candidates: tuple[str, ...]  # texts to match against aliases, best first
    unit_texts: tuple[str, ...]  # texts that may state a unit, nearest first


@dataclass
class Table:
    """Where a dataset's table sits in a sheet and how its columns map onto the contract."""

    dataset: Dataset
    sheet: Sheet
    header_rows: tuple[int, ...]  # zero-based rows holding the header
    mapping: dict[str, HeaderColumn]  # canonical column name → file column
    duplicates: dict[str, list[HeaderColumn]]  # canonical name matched by more than one file column
    table_unit: int | None  # from a "(단위: …)" note above the header
    # Other visible sheets holding a full header of the same dataset: not read, so the user must be told.
    other_sheets: tuple[str, ...] = ()
    # Columns computed from the amounts (집행잔액, 집행률): derived column name → file column; checked, never stored.
    derived: dict[str, HeaderColumn] = field(default_factory=dict)

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1

    def header_columns(self) -> list[HeaderColumn]:
        """Every column of the header, whether the contract knows it or not."""
        return _header_columns(self.sheet, self.header_rows[0], len(self.header_rows) > 1)

    def missing_required(self) -> list[Column]:
        return [c for c in self.dataset.required if c.name not in self.mapping]

    def unit_of(self, column: str) -> int | None:
        return self.unit_of_header(self.mapping[column])

    def unit_of_header(self, header: HeaderColumn) -> int | None:
        for text in header.unit_texts:
            if unknown_unit_in_header(text):
                return None
            unit = unit_in_header(text)
            if unit is not None:
                return unit
        return self.table_unit


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _header_columns(sheet: Sheet, top: int, two_rows: bool) -> list[HeaderColumn]:
    width = max((len(r) for r in sheet.rows[top : top + 2]), default=0)
    upper = sheet.rows[top] + [""] * (width - len(sheet.rows[top]))
    if not two_rows:
        return [
            HeaderColumn(i, _cell_text(v), (_cell_text(v),), (_cell_text(v),))
            for i, v in enumerate(upper)
            if _cell_text(v)
        ]
    lower = sheet.rows[top + 1] + [""] * (width - len(sheet.rows[top + 1]))
    # A unit note merged across the table ("(단위: 천원)") is a note above the header, not a group over its columns.
    group = ["" if _only_unit_note(g) else g for g in _spread_merged_groups(sheet, top, upper, lower)]
    columns = []
    for i in range(width):
        g, s = group[i], _cell_text(lower[i])
        if not g and not s:
            continue
        if s and g and g != s:
            columns.append(HeaderColumn(i, f"{g} {s}", (s, f"{g}{s}"), (s, g)))
        else:
            name = s or g
            columns.append(HeaderColumn(i, name, (name,), (name,)))
    return columns


def _only_unit_note(text: str) -> bool:
    normal = unicodedata.normalize("NFKC", text).lower()
    return bool(_UNIT_NOTE.search(normal)) and not normalise_header(_UNIT_NOTE.sub("", normal))


def _spread_merged_groups(sheet: Sheet, top: int, upper: list[object], lower: list[object]) -> list[str]:
    """The group header over each column: merged cells spread across their width.

    Without merge information (CSV), a group cell is spread right over blank cells that have a sub-header.
    """
    group = [_cell_text(v) for v in upper]
    merged_here = [m for m in sheet.merged if m[0] == top and m[3] > m[1]]
    if merged_here:
        for _, first_col, _, last_col in merged_here:
            for c in range(first_col, min(last_col + 1, len(group))):
                group[c] = group[first_col]
        return group
    # No merges in the header rows (merges elsewhere, such as the title, say nothing about the groups).
    if not any(m[0] <= top + 1 and m[2] >= top for m in sheet.merged):
        for c in range(1, len(group)):
            if not group[c] and _cell_text(lower[c]) and group[c - 1] and _cell_text(lower[c - 1]):
                group[c] = group[c - 1]
    return group


def _match(
    dataset: Dataset, columns: list[HeaderColumn]
) -> tuple[dict[str, HeaderColumn], dict[str, list[HeaderColumn]]]:
    """Headers as written first; a published table's added words ("누계", "실적") are dropped only for the
    columns no header names as written, so "집행액" beside "집행액 누계" stays the 집행액 it always was."""
    aliases = _ALIAS_INDEX[dataset.name]
    found: dict[str, list[HeaderColumn]] = {}
    unmatched = []
    for column in columns:
        name = _lookup(aliases, column, as_written=True)
        if name:
            found.setdefault(name, []).append(column)
        else:
            unmatched.append(column)
    named_as_written = set(found)
    for column in unmatched:
        name = _lookup(aliases, column, as_written=False)
        if name and name not in named_as_written:
            found.setdefault(name, []).append(column)
    mapping = {name: cols[0] for name, cols in found.items()}
    duplicates = {name: cols for name, cols in found.items() if len(cols) > 1}
    return mapping, duplicates


def _lookup(index: dict[str, str], column: HeaderColumn, as_written: bool) -> str | None:
    """The name a header stands for: its normalised form, or (as_written=False) a form without added words."""
    for candidate in column.candidates:
        forms = header_forms(candidate)
        for form in forms[:1] if as_written else forms[1:]:
            if form in index:
                return index[form]
    return None


def _match_derived(
    dataset: Dataset, columns: list[HeaderColumn], mapping: dict[str, HeaderColumn]
) -> dict[str, HeaderColumn]:
    """Derived columns among the headers the contract's own columns did not take (the first of each)."""
    taken = {c.index for c in mapping.values()}
    derived: dict[str, HeaderColumn] = {}
    index = _DERIVED_INDEX.get(dataset.name, {})
    for as_written in (True, False):
        for column in columns:
            name = _lookup(index, column, as_written) if column.index not in taken else None
            if name and name not in derived:
                derived[name] = column
                taken.add(column.index)
    return derived


def _group_headers_taken(sheet: Sheet, top: int, mapping: dict[str, HeaderColumn]) -> int:
    """Mapped header cells merged across columns with sub-headers beneath: groups, not columns, of a two-row header."""
    below = sheet.rows[top + 1] if top + 1 < len(sheet.rows) else []
    starts = {m[1]: m[3] for m in sheet.merged if m[0] == top and m[3] > m[1]}
    return sum(
        1
        for column in mapping.values()
        if column.index in starts and any(_cell_text(v) for v in below[column.index : starts[column.index] + 1])
    )


def _score(dataset: Dataset, mapping: dict[str, HeaderColumn]) -> tuple[int, int]:
    required = sum(1 for c in dataset.required if c.name in mapping)
    return required, len(mapping)


def locate_table(sheets: list[Sheet], dataset_name: str | None = None) -> Table | None:
    """The best-matching header among all sheets (and datasets, unless one is named); None if nothing fits.

    Visible sheets come first: a hidden sheet is read only when no visible sheet holds a table.
    """
    # Datasets with a geometry column come as GeoJSON (loaders/geojson.py), never as a spreadsheet table.
    datasets = [DATASETS[dataset_name]] if dataset_name else [d for d in DATASETS.values() if not d.is_geographic]
    best: tuple[tuple[float, ...], Table] | None = None
    complete: dict[str, set[str]] = {}  # dataset → visible sheets with every required column
    for sheet in sheets:
        for top in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
            if not any(_cell_text(v) for v in sheet.rows[top]):
                continue
            layouts: list[tuple[int, ...]] = [(top,)]
            if top + 1 < len(sheet.rows):
                layouts.append((top, top + 1))
            for rows in layouts:
                columns = _header_columns(sheet, top, two_rows=len(rows) == 2)
                for dataset in datasets:
                    mapping, duplicates = _match(dataset, columns)
                    required, total = _score(dataset, mapping)
                    if total < 2:
                        continue
                    if required == len(dataset.required) and not sheet.hidden:
                        complete.setdefault(dataset.name, set()).add(sheet.name)
                    table = Table(dataset, sheet, rows, mapping, duplicates, unit_note(sheet.rows[:top]))
                    # Visible first; then the share of required columns found; then more columns; then more
                    # money columns with a known unit (a units row such as "(천원)" under the header belongs
                    # to it); then fewer group headers read as columns ("집행 실적" merged over 지출액·잔액·집행률
                    # is a group); then the single-row layout.
                    units = sum(1 for c in mapping if dataset.column(c).kind is Kind.MONEY and table.unit_of(c))
                    groups = _group_headers_taken(sheet, top, mapping) if len(rows) == 1 else 0
                    score = (not sheet.hidden, required / len(dataset.required), total, units, -groups, -len(rows))
                    if best is None or score > best[0]:
                        best = (score, table)
    if best is None:
        return None
    table = best[1]
    columns = _header_columns(table.sheet, table.header_rows[0], two_rows=len(table.header_rows) == 2)
    table.derived = _match_derived(table.dataset, columns, table.mapping)
    others = sorted(complete.get(table.dataset.name, set()) - {table.sheet.name})
    table.other_sheets = tuple(others)
    return table

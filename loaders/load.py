"""One spreadsheet file in, one normalised, validated table out (or every reason it was refused)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import pandas as pd

from program import Program, load_program

from .agreements import normalise_agreements
from .cells import CellError, cell_parser, display, is_blank, parse_cell
from .columns import typed_array
from .contract import DATASETS, Dataset, Kind
from .derived import check_derived
from .headers import Table, as_of_note, locate_table, scaled_unit_in_header, unknown_unit_in_header, unknown_unit_note
from .personal_data import personal_data_problems
from .problems import FileRefused, Problem
from .reading import read_sheets
from .size_limits import SizeLimits
from .validation import validate_rows

logger = logging.getLogger(__name__)

# Labels of rows that repeat other rows' sums: counting them would count money twice.
_TOTAL_LABEL = re.compile(r"^(합계|소계|총계|총합계|누계|계|합|total|subtotal|grandtotal|sum)$|(합계|소계|총계)$")
_GRAND_TOTAL_LABEL = re.compile(r"^(합계|총계|총합계|total|grandtotal)$")
_LABEL_BRACKETED = re.compile(r"[(\[{<（［【].*?[)\]}>）］】]")
_LABEL_NOISE = re.compile(r"[^0-9a-z가-힣]+")
# Rows that explain the table rather than belong to it ("※ 집행액은 지출 기준", "주1) …", "Note: …").
_NOTE_START = re.compile(
    r"^(※|\*|주\s*\d*\s*[):]|註|출처|자료\s*[:：]|참고|notes?\s*[:：]|source\s*[:：])", re.IGNORECASE
)


@dataclass
class LoadResult:
    """The outcome of reading one file. `frame` holds canonical columns plus `source_row` (the Excel row)."""

    filename: str
    dataset: str | None
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sheet: str | None = None
    # Cells as written in the file, by Excel row then header: what provenance shows next to a figure.
    written: dict[int, dict[str, str]] = field(default_factory=dict)
    # The file could not be read as a table at all (what it is, a bomb, a size or a checking ceiling): choosing
    # another dataset would not help.
    unreadable: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and self.dataset is not None

    @property
    def rows(self) -> int:
        return len(self.frame)

    @property
    def totals(self) -> dict[str, int | float]:
        """Sum of each measure column present, in canonical units; empty for a refused file."""
        if not self.ok or self.dataset is None:  # (an accepted result always names its dataset)
            return {}
        return measure_totals(self.dataset, self.frame)

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON. A refused file presents no figures: `rows` and `totals` are null, never 0 or {}."""
        return {
            "ok": self.ok,
            "dataset": self.dataset,
            "rows": self.rows if self.ok else None,
            "totals": self.totals if self.ok else None,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def measure_totals(dataset: str, frame: pd.DataFrame) -> dict[str, int | float]:
    """Sum of each measure column present in `frame`, in canonical units, exact (money and counts as Python ints)."""
    result: dict[str, int | float] = {}
    for column in DATASETS[dataset].measures:
        if column.name in frame.columns:
            values = frame[column.name].dropna()
            if column.kind in (Kind.MONEY, Kind.COUNT):
                result[column.name] = sum(int(v) for v in values)  # Python ints: exact, never overflow
            else:
                total = sum((Decimal(repr(float(v))) for v in values), Decimal(0))
                result[column.name] = int(total) if total == total.to_integral_value() else float(total)
    return result


# Shares of the work done when each step ends, for a progress bar: reading the cells is most of it.
PROGRESS_READ, PROGRESS_LOCATED, PROGRESS_PARSED, PROGRESS_DONE = 0.6, 0.7, 0.9, 1.0


def load_file(
    data: bytes,
    filename: str = "",
    dataset: str | None = None,
    as_of: dt.date | None = None,
    *,
    limits: SizeLimits | None = None,
    progress: Callable[[float], None] | None = None,
) -> LoadResult:
    """Read, detect, validate and normalise a spreadsheet. Never raises for bad input: see `errors`.

    `as_of` is the 기준일 the staffer chose at upload, for a file that gives none (no 기준일 column and no title row
    such as "(기준일: 2026. 10. 31.)"): the date a snapshot of companies, or a year-to-date budget export, speaks for.
    `limits` overrides the size ceiling of program.toml; `progress` hears the share of the work done (0 to 1).
    """
    report = progress or (lambda share: None)
    if dataset is not None and dataset not in DATASETS:
        known = ", ".join(DATASETS)
        return LoadResult(
            filename, None, errors=[Problem(f"알 수 없는 데이터 종류입니다: '{dataset}' ({known} 중 하나)")]
        )
    from .geojson import is_geojson, load_geojson  # imported here: geojson.py imports this module

    if is_geojson(data, filename) or dataset == "parcels":
        if dataset not in (None, "parcels"):
            return LoadResult(
                filename,
                dataset,
                errors=[
                    Problem(
                        f"GeoJSON 파일은 필지 데이터로만 올릴 수 있습니다 (고른 데이터: {DATASETS[dataset].label})."
                    )
                ],
            )
        return load_geojson(data, filename)
    try:
        sheets = read_sheets(data, filename, limits, lambda share: report(share * PROGRESS_READ))
        report(PROGRESS_READ)
        table = locate_table(sheets, dataset)
        report(PROGRESS_LOCATED)
        if table is None:
            return LoadResult(filename, dataset, errors=[_no_header_problem(dataset)])
        result = _load_table(table, filename, lambda: report(PROGRESS_PARSED), as_of)
        report(PROGRESS_DONE)
        return result
    except FileRefused as refused:
        return LoadResult(filename, dataset, errors=refused.problems, unreadable=True)
    except MemoryError:  # the checking process's ceiling (loaders/check_process.py), not a fault of the file's
        raise
    except Exception:  # a loader bug must refuse the file (nothing stored), never show a traceback
        logger.exception("loader failed on %s", filename)
        return LoadResult(
            filename,
            dataset,
            errors=[
                Problem(
                    "파일을 읽는 중 예상하지 못한 문제가 생겨 파일을 받지 않았습니다(아무것도 저장하지 않았습니다). "
                    "이 파일을 시스템 담당자에게 보내 주세요."
                )
            ],
        )


def _no_header_problem(dataset: str | None) -> Problem:
    if dataset:
        labels = ", ".join(c.label for c in DATASETS[dataset].required)
        return Problem(f"표의 머리글(열 이름)을 찾지 못했습니다. 파일 윗부분에 다음 열이 있어야 합니다: {labels}")
    return Problem(
        "표의 머리글(열 이름)을 찾지 못해 어떤 데이터인지 알 수 없습니다. "
        "양식(템플릿)의 열 이름을 쓰거나 데이터 종류를 직접 골라 주세요."
    )


def _stated_as_of(table: Table, chosen: dt.date | None, result: LoadResult) -> tuple[dt.date | None, str | None]:
    """The 기준일 the whole table speaks for, when it has no 기준일 column: (date, where it was stated).

    Only a dataset with an `as_of` column takes one, and a budget file only when it has no month column (a
    year-to-date export); a monthly budget file's rows speak for their months, whatever the title says.
    """
    names = {c.name for c in table.dataset.columns}
    if "as_of" not in names or "as_of" in table.mapping or "month" in table.mapping:
        return None, None
    note = as_of_note(table.sheet.rows[: table.header_rows[0]])
    if note is not None:
        written, year, month, day = note
        try:
            return dt.date(year, month, day), written
        except ValueError:
            result.errors.append(Problem(f"표 위의 기준일 '{written}'이(가) 달력에 없는 날짜입니다.", None, None))
            return None, None
    if chosen is not None:
        return chosen, "올릴 때 고른 기준일"
    return None, None


def _load_table(
    table: Table, filename: str, parsed: Callable[[], None], chosen_as_of: dt.date | None = None
) -> LoadResult:
    """One table read in passes: its header (columns and units), its cells, the rows checked, the warnings."""
    dataset = table.dataset
    result = LoadResult(filename, dataset.name, sheet=table.sheet.name)
    header_row = table.header_rows[-1] + 1
    stated_as_of, stated_where = _stated_as_of(table, chosen_as_of, result)
    result.errors.extend(_column_problems(table, header_row, stated_as_of is not None))
    units = _money_units(table, header_row, result)
    result.errors.extend(_scaled_unit_problems(table, header_row))
    # Header problems refuse the file, but the cells are still checked so that every problem is listed at
    # once; a money column without a unit cannot be read, so it is left out like a missing column.
    readable_units = {name: unit for name in table.mapping if (unit := units.get(name, 1)) is not None}

    _fill_merged_labels(table)
    data_rows, total_rows = _split_rows(table)
    if not data_rows:
        result.errors.append(Problem("데이터 행이 없습니다. 머리글 아래에 한 행 이상 입력해 주세요.", header_row))
        return result
    personal = personal_data_problems(table, data_rows)
    if personal:  # refused before any cell is read into the result: nothing of it is kept, not even as written
        result.errors.extend(personal)
        result.errors.sort(key=lambda p: (p.row or 0, p.column or ""))
        return result
    values, unreadable = _read_cells(table, readable_units, data_rows, result)
    headers = {name: table.mapping[name].written for name in readable_units}

    parsed()
    if stated_as_of is not None and stated_where is not None:  # (they are stated together)
        values["as_of"] = [stated_as_of] * len(data_rows)
        headers["as_of"] = stated_where
    frame = _typed_frame(dataset, values, [i + 1 for i in data_rows])
    frame = _derive(dataset, frame, headers, result)
    if dataset.name == "agreements":
        frame, errors, warnings, reported = normalise_agreements(frame, headers, load_program().agreements)
        result.errors.extend(errors)
        result.warnings.extend(warnings)
        unreadable |= reported
    result.errors.extend(validate_rows(dataset, frame, headers, unreadable, result.written))
    if dataset.totals_binding and not result.errors:
        result.errors.extend(_check_grand_total(table, total_rows, frame, units, binding=True))
    result.errors.sort(key=lambda p: (p.row or 0, p.column or ""))
    if result.errors:
        return result
    result.warnings.extend(_refund_warnings(dataset, frame, headers, result.written))
    result.warnings.extend(_table_warnings(table, frame, total_rows, units))
    result.frame = frame.assign(source_row=frame.index.astype("int64")).reset_index(drop=True)
    return result


def _column_problems(table: Table, header_row: int, as_of_stated: bool) -> list[Problem]:
    """Required columns missing (the 기준일 may be stated above the table or chosen instead) and columns read twice."""
    problems = []
    for column in table.missing_required():
        if column.name == "as_of" and as_of_stated:
            continue  # the title row (or the staffer) gives the 기준일 of every row
        if column.name == "as_of":
            problems.append(
                Problem(
                    "기준일을 알 수 없습니다. '기준일' 열을 넣거나, 표 위에 '(기준일: 2026. 9. 30.)'처럼 적거나, "
                    "올릴 때 기준일을 골라 주세요.",
                    header_row,
                    column.label,
                )
            )
            continue
        aliases = ", ".join(dict.fromkeys((column.label, *column.aliases[:4])))
        problems.append(
            Problem(f"필수 열 '{column.label}'이(가) 없습니다 (인정되는 열 이름: {aliases})", header_row, column.label)
        )
    for name, columns in table.duplicates.items():
        written = ", ".join(f"'{c.written}'" for c in columns)
        label = table.dataset.column(name).label
        problems.append(
            Problem(
                f"'{label}'(으)로 읽히는 열이 여러 개입니다: {written}. 하나만 남겨 주세요.",
                header_row,
                columns[1].written,
            )
        )
    return problems


def _money_units(table: Table, header_row: int, result: LoadResult) -> dict[str, int | None]:
    """Each money column's unit in won (None: not known, with the problem added to `result`)."""
    units: dict[str, int | None] = {}
    for name in table.mapping:
        if table.dataset.column(name).kind is not Kind.MONEY:
            continue
        units[name] = table.unit_of(name)
        if units[name] is None:
            written = table.mapping[name].written
            foreign = next(filter(None, map(unknown_unit_in_header, table.mapping[name].unit_texts)), None)
            foreign = foreign or unknown_unit_note(table.sheet.rows[: table.header_rows[0]])
            foreign = foreign.upper() if foreign and foreign.isascii() else foreign  # usd → USD
            result.errors.append(
                Problem(
                    f"'{foreign}' 단위의 금액은 받을 수 없습니다. 원·천원·백만원·억원·조원 단위로 적어 주세요 "
                    "(다른 통화나 단위는 환산하지 않습니다)."
                    if foreign
                    else "금액 단위를 알 수 없습니다. 머리글에 '예산액(천원)'처럼 단위를 쓰거나 표 위에 '(단위: 천원)'을 적어 주세요.",
                    header_row,
                    written,
                )
            )
    return units


def _scaled_unit_problems(table: Table, header_row: int) -> list[Problem]:
    """Counts and areas written in a scaled unit ("천명", "천㎡"): refused, never converted."""
    problems = []
    for name, header_column in table.mapping.items():
        if table.dataset.column(name).kind in (Kind.COUNT, Kind.NUMBER) and table.dataset.column(name).measure:
            scaled = next((u for u in map(scaled_unit_in_header, header_column.unit_texts) if u), None)
            if scaled:
                stored = "㎡" if name == "area_m2" else "명·개"
                problems.append(
                    Problem(
                        f"'{scaled}' 단위는 받을 수 없습니다. {stored} 단위의 값으로 바꿔 적어 주세요 (환산하지 않습니다).",
                        header_row,
                        header_column.written,
                    )
                )
    return problems


def _read_cells(
    table: Table, readable_units: dict[str, int], data_rows: list[int], result: LoadResult
) -> tuple[dict[str, list[object]], set[tuple[int, str]]]:
    """Every data row's readable cells parsed by their column's kind: the values by column, the (Excel row,
    column) pairs that could not be read (each with its problem in `result`); the cells as written go to
    `result.written`."""
    dataset = table.dataset
    values: dict[str, list[object]] = {name: [] for name in readable_units}
    unreadable: set[tuple[int, str]] = set()
    # One parser per column, chosen once: this loop runs for every cell of files with hundreds of thousands of rows.
    readers = [
        (
            name,
            table.mapping[name].index,
            table.mapping[name].written,
            cell_parser(dataset.column(name).kind, unit),
            values[name].append,
        )
        for name, unit in readable_units.items()
    ]
    rows = table.sheet.rows
    for index in data_rows:
        row = rows[index]
        width = len(row)
        excel_row = index + 1
        written_row: dict[str, str] = {}
        for name, position, header, parse, append in readers:
            cell = row[position] if position < width else None
            written_row[header] = display(cell)
            if is_blank(cell):
                append(None)
                continue
            try:
                append(parse(cell))
            except CellError as error:
                result.errors.append(Problem(str(error), excel_row, header))
                unreadable.add((excel_row, name))
                append(None)
        result.written[excel_row] = written_row
    return values, unreadable


def _table_warnings(
    table: Table, frame: pd.DataFrame, total_rows: list[int], units: dict[str, int | None]
) -> list[Problem]:
    """What an accepted table's reader should know: a hidden or single sheet read, derived columns or a grand
    total that disagree with the rows, the total rows left out."""
    warnings = []
    if table.sheet.hidden:
        warnings.append(Problem(f"숨겨진 시트 '{table.sheet.name}'의 표를 읽었습니다. 보이는 시트에는 표가 없습니다."))
    if table.other_sheets:
        others = ", ".join(f"'{name}'" for name in table.other_sheets)
        warnings.append(
            Problem(
                f"시트 '{table.sheet.name}'만 읽었습니다. 같은 종류의 표가 있는 다른 시트({others})는 읽지 않았으니, "
                "필요하면 시트마다 따로 올려 주세요."
            )
        )
    warnings.extend(check_derived(table, frame))
    if not table.dataset.totals_binding:  # (a binding total that disagrees has refused the file already)
        warnings.extend(_check_grand_total(table, total_rows, frame, units))
    if total_rows:
        listed = ", ".join(str(i + 1) for i in total_rows[:10]) + (" …" if len(total_rows) > 10 else "")
        warnings.append(Problem(f"합계·소계 행 {len(total_rows)}개는 중복 집계를 막기 위해 제외했습니다 ({listed}행)"))
    return warnings


def _refund_warnings(
    dataset: Dataset, frame: pd.DataFrame, headers: dict[str, str], written: dict[int, dict[str, str]]
) -> list[Problem]:
    """One warning per negative amount in a column that admits refunds (반납·정정), naming the row and the cell as
    written: the figures are net of it, so the uploader sees each one before storing."""
    warnings = []
    for column in dataset.columns:
        if not column.refunds_allowed or column.name not in frame.columns:
            continue
        values = frame[column.name]
        header = headers.get(column.name, column.label)
        for excel_row in values.index[values.notna() & (values < 0)]:
            as_written = written.get(int(excel_row), {}).get(header, "")
            warnings.append(
                Problem(
                    f"음수 {column.label} {as_written}은(는) 반납·정정으로 보고 그만큼 뺀 값으로 집계합니다.",
                    int(excel_row),
                    header,
                )
            )
    return warnings


def _row_texts(row: list[object]) -> list[str]:
    return [unicodedata.normalize("NFKC", c).strip() for c in row if isinstance(c, str) and c.strip()]


def _label_forms(cell: str) -> set[str]:
    """A cell reduced for matching a totals label: '총 계' → 총계, '소계(국비)' → 소계, '[합계]' → 합계, 'Sub-total' → subtotal."""
    text = unicodedata.normalize("NFKC", cell).lower()
    return {_LABEL_NOISE.sub("", _LABEL_BRACKETED.sub("", text)), _LABEL_NOISE.sub("", text)} - {""}


@lru_cache(maxsize=65536)
def _is_total_label(cell: str) -> bool:
    return any(_TOTAL_LABEL.search(form) for form in _label_forms(cell))


def _is_total_row(row: list[object], label_indexes: set[int]) -> bool:
    return any(isinstance(row[i], str) and _is_total_label(row[i]) for i in label_indexes if i < len(row))


def _is_note_row(row: list[object], measure_indexes: set[int]) -> bool:
    """A row that starts like a note (※, 주1), 자료:, …) and has no figures: a company named "Note…" is data."""
    first = next((c for c in row if not is_blank(c)), None)
    if not isinstance(first, str) or not _NOTE_START.match(unicodedata.normalize("NFKC", first).strip()):
        return False
    return all(is_blank(row[i]) for i in measure_indexes if i < len(row))


def _fill_merged_labels(table: Table) -> None:
    """A label cell merged down over several data rows (연도 or 사업명 spanning 국비/시비 rows) applies to each.

    Figures are never filled: an amount merged over two rows is one amount, and copying it would count it twice.
    """
    measure_indexes = {table.mapping[c.name].index for c in table.dataset.measures if c.name in table.mapping}
    rows = table.sheet.rows
    for first_row, first_col, last_row, _ in table.sheet.merged:
        if last_row <= first_row or first_row < table.first_data_row or first_col in measure_indexes:
            continue
        if first_row >= len(rows) or first_col >= len(rows[first_row]):
            continue
        value = rows[first_row][first_col]
        for r in range(first_row + 1, min(last_row + 1, len(rows))):
            if first_col < len(rows[r]) and is_blank(rows[r][first_col]):
                rows[r][first_col] = value


def _split_rows(table: Table) -> tuple[list[int], list[int]]:
    """Zero-based indexes of data rows and of totals rows; blank and note rows are neither.

    A totals label (합계, 소계, …) is looked for in the table's label columns: every column up to the last
    one the contract knows, except the figures. Columns to the right of the table, such as 비고 (remarks),
    are free text: "1~3월 합계" there describes a data row, it does not make it a totals row.
    """
    measure_indexes = {table.mapping[c.name].index for c in table.dataset.measures if c.name in table.mapping}
    last_column = max(c.index for c in table.mapping.values())
    label_indexes = set(range(last_column + 1)) - measure_indexes
    data: list[int] = []
    totals: list[int] = []
    for index in range(table.first_data_row, len(table.sheet.rows)):
        row = table.sheet.rows[index]
        if all(is_blank(c) for c in row) or _is_note_row(row, measure_indexes):
            continue
        (totals if _is_total_row(row, label_indexes) else data).append(index)
    return data, totals


def _typed_frame(dataset: Dataset, values: dict[str, list[object]], excel_rows: list[int]) -> pd.DataFrame:
    columns = {name: typed_array(dataset.column(name).kind, column_values) for name, column_values in values.items()}
    ordered = [c.name for c in dataset.columns if c.name in columns]
    return pd.DataFrame({name: columns[name] for name in ordered}, index=pd.Index(excel_rows, name="row"))


def _derive(dataset: Dataset, frame: pd.DataFrame, headers: dict[str, str], result: LoadResult) -> pd.DataFrame:
    """Fill the columns the contract derives (phase from year, stage from valuation) and unify spellings."""
    program = load_program()
    if dataset.name == "budget" and "source" in frame.columns:
        frame = frame.assign(
            source=frame["source"].map(lambda s: program.funding_aliases.get(s, s) if isinstance(s, str) else s)
        )
    if dataset.name == "budget" and "month" not in frame.columns:
        frame = frame.assign(month=pd.array([None] * len(frame), dtype="Int64"))
    if dataset.name == "budget" and "year" in frame.columns:
        derived = frame["year"].map(lambda y: program.phase_of_year(int(y)) if pd.notna(y) else None)
        if "phase" in frame.columns:
            disagree = frame["phase"].notna() & derived.notna() & (frame["phase"] != derived.astype("Int64"))
            for row in frame.index[disagree.fillna(False)]:
                result.warnings.append(
                    Problem(
                        f"{frame.at[row, 'year']!s}년은 설정상 {derived[row]}단계인데 파일에는 {frame.at[row, 'phase']!s}단계로 적혀 있습니다 (파일 값 사용)",
                        row,
                        headers.get("phase"),
                    )
                )
            phase = frame["phase"].fillna(derived.astype("Int64"))
        else:
            phase = derived.astype("Int64")
        frame = frame.assign(phase=phase)
        outside = frame[frame["phase"].isna() & frame["year"].notna()]
        for year, rows in outside.groupby("year").groups.items():  # one warning per year, not per row
            first = ", ".join(str(r) for r in list(rows)[:5]) + (" …" if len(rows) > 5 else "")
            result.warnings.append(
                Problem(
                    f"{year}년은 설정된 사업 단계에 속하지 않습니다 ({len(rows)}행: {first}행)",
                    int(rows[0]),
                    headers.get("year"),
                )
            )
    if dataset.name == "selections" and "programme" in frame.columns:
        frame = frame.assign(programme=frame["programme"].map(lambda s: _programme_name(s, program)))
    ordered = [c.name for c in dataset.columns if c.name in frame.columns]
    return frame[ordered]


def _programme_name(written: object, program: Program) -> object:
    """A selections file's 사업명 as configured ("아기 유니콘" → 아기유니콘); one not known stays as written, so
    validation refuses it naming the programmes it knows."""
    if not isinstance(written, str):
        return written
    return program.k_unicorn.canonical(written) or written


def _check_grand_total(
    table: Table, total_rows: list[int], frame: pd.DataFrame, units: dict[str, int | None], binding: bool = False
) -> list[Problem]:
    """Compare a single grand-total row (합계) with the sum of the data rows: a mismatch hints at missing rows.

    `binding` (a dataset whose 합계 row is part of the record, such as the agreements): the problem states both
    figures, in the column's unit as written, and the caller refuses the file with it."""
    grand = [
        i
        for i in total_rows
        if any(_GRAND_TOTAL_LABEL.match(form) for t in _row_texts(table.sheet.rows[i]) for form in _label_forms(t))
    ]
    if len(grand) != 1:
        return []
    row = table.sheet.rows[grand[0]]
    warnings = []
    for column in table.dataset.measures:
        if column.name not in table.mapping or column.name not in frame.columns:
            continue
        header = table.mapping[column.name]
        cell = row[header.index] if header.index < len(row) else None
        if is_blank(cell):
            continue
        try:
            stated = parse_cell(cell, column.kind, units.get(column.name) or 1)
        except CellError:
            continue
        summed = frame[column.name].sum()
        if stated != summed and binding:
            unit = units.get(column.name) or 1
            warnings.append(
                Problem(
                    f"합계 행의 {column.label} {display(cell)}이(가) 데이터 행의 합 {_in_unit(summed, unit)}과(와) "
                    "다릅니다. 빠지거나 더 들어간 행이 없는지 확인해 주세요 (아무것도 저장하지 않았습니다).",
                    grand[0] + 1,
                    header.written,
                )
            )
        elif stated != summed:
            warnings.append(
                Problem(
                    f"파일의 합계 행 값({display(cell)})이 데이터 행의 합과 다릅니다. 빠진 행이 없는지 확인해 주세요.",
                    grand[0] + 1,
                    header.written,
                )
            )
    return warnings


def _in_unit(amount: object, unit: int) -> str:
    """An amount in won (or a count, unit 1) as the file's unit writes it: 132100000000 at 억원 → "1,321"."""
    value = Decimal(int(amount)) / Decimal(unit)  # type: ignore[call-overload]
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

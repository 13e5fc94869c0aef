"""The "출처" (source) dialog behind every headline figure and table cell: version, uploader, original file, rows.

Everyone who may read the figure sees its dataset, version, time and formula; the rows as written and the original
file only signed-in staff (auth.roles: read_source_rows, download_original). Each opening and each download of an
original is written to the 접속기록 (ui.access)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from auth.roles import action_role
from auth.session import is_allowed
from metrics.figures import COUNT, DIFFERENCE, GIVEN, MEAN, PRODUCT, RANGE, RATIO, SUM, Figure
from present import format as fmt
from present.i18n import translate
from present.safe_text import markdown_escape
from present.shown_table import content_digest
from store import Version, row_refs
from store.access_log import OPEN_SOURCE

from . import access
from .data import get_store, latest_versions, version_frame
from .i18n import current_language, t

OPERATORS = {RATIO: "÷", DIFFERENCE: "−", PRODUCT: "×"}


@st.cache_data(show_spinner=False, max_entries=32)
def _original_file(version_id: int, _version: Version) -> tuple[str, bytes]:
    return get_store().original_file(_version)


@st.cache_data(show_spinner=False, max_entries=256)
def _written_rows(version_id: int, source_rows: tuple[int, ...], _version: Version) -> pd.DataFrame:
    return get_store().written_rows(_version, list(source_rows))


def name_of(figure: Figure) -> str:
    """The figure's name in the session's language, its placeholders (a year, a month) filled in."""
    return t(figure.key, **dict(figure.args))


def formula_line(figure: Figure, lang: str) -> str:
    """'집행률 = 집행액 ÷ 예산액 = 938.1억원 ÷ 1,060억원 = 88.5%' for a derived figure; a mean lists its parts'
    values and divides by their count; a range names its low and high end."""
    exact = [fmt.figure_value(p.value, p.unit, lang, exact=True) for p in figure.parts]
    result = fmt.figure_value(figure.value, figure.unit, lang)
    if figure.kind == MEAN:
        return f"{name_of(figure)} = ({' + '.join(exact)}) ÷ {len(exact)} = {result}"
    if figure.kind == RANGE:
        low, high = (fmt.figure_value(p.value, p.unit, lang) for p in figure.parts)
        return f"{name_of(figure)} = {low} ~ {high}"
    left, right = figure.parts
    names = f"{name_of(left)} {OPERATORS[figure.kind]} {name_of(right)}"
    values = f"{exact[0]} {OPERATORS[figure.kind]} {exact[1]}"
    return f"{name_of(figure)} = {names} = {values} = {result}"


def _version_line(version: Version, lang: str) -> str:
    if not is_allowed(action_role("read_source_rows")):  # who uploaded which file is staff's business too
        return t(
            "provenance.version_public",
            dataset=t(f"dataset.{version.dataset}"),
            number=version.number,
            when=fmt.datetime_label(version.created_at, lang),
        )
    return t(
        "provenance.version",
        dataset=t(f"dataset.{version.dataset}"),
        number=version.number,
        user=markdown_escape(version.created_by),
        when=fmt.datetime_label(version.created_at, lang),
        file=markdown_escape(version.filename),
    )


def _download_original(version: Version, key: str) -> None:
    if is_allowed(action_role("download_original")):
        filename, data = access.original_download(version, lambda: _original_file(version.id, version)[1])
        st.download_button(
            t("provenance.download_original_named", file=filename),
            data,
            file_name=filename,
            mime="application/octet-stream",
            key=key,
            on_click="ignore",
            icon=":material/download:",
        )


def _files_of(figure: Figure, version: Version) -> list[tuple[Version, tuple[int, ...]]]:
    """The figure's rows grouped by the upload they came from (a period import keeps earlier uploads' rows),
    oldest upload first: [(the version whose file holds them, their references in `version`)]."""
    groups: dict[int | None, list[int]] = {}
    for reference in figure.source_rows:
        groups.setdefault(row_refs.origin(reference), []).append(reference)
    files = []
    for number in sorted(groups, key=lambda n: version.number if n is None else n):
        source = version if number is None else get_store().version(version.dataset, number)
        assert source is not None  # a row's reference names a stored upload of its dataset
        files.append((source, tuple(groups[number])))
    return files


def _show_rows(figure: Figure, version: Version | None, lang: str, place: str = "") -> None:
    if version is None:
        st.warning(t("provenance.no_version"))
        return
    st.markdown(_version_line(version, lang))
    if not is_allowed(action_role("read_source_rows")):
        st.caption(t("provenance.rows_for_staff"))
        return
    files = _files_of(figure, version)
    if len(files) > 1:
        st.caption(t("provenance.several_files", files=len(files)))
    counted_label = t("provenance.counted", unit=t(f"unit.{figure.unit}"))
    frame = version_frame(version).set_index("source_row") if figure.kind == SUM else None
    for source, references in files or [(version, ())]:
        if len(files) > 1 or source.id != version.id:
            st.markdown(
                t(
                    "provenance.file",
                    file=markdown_escape(source.filename),
                    number=source.number,
                    user=markdown_escape(source.created_by),
                    when=fmt.datetime_label(source.created_at, lang),
                    rows=f"{len(references):,}",
                )
            )
        # `place`: where in the formula the figure sits (the same figure can be a part twice, e.g. in both ends of a range)
        _download_original(source, f"source_file_{figure.key}{place}_{version.id}_{source.id}")
        rows = _written_rows(version.id, references, version)
        config = {}
        if frame is not None:
            # Beside the cells as written (any unit), the value as counted, so the sum can be checked by eye.
            rows[counted_label] = frame.loc[rows["source_row"].to_numpy(), figure.column].to_numpy()
            if pd.api.types.is_integer_dtype(rows[counted_label]):
                config[counted_label] = st.column_config.NumberColumn(counted_label, format="%,d")
            if len(files) > 1:
                subtotal = rows[counted_label].dropna().sum()
                st.caption(
                    t(
                        "provenance.file_sum",
                        value=fmt.figure_value(
                            int(subtotal) if pd.api.types.is_integer_dtype(rows[counted_label]) else float(subtotal),
                            figure.unit,
                            lang,
                            exact=True,
                        ),
                    )
                )
        rows["source_row"] = [row_refs.excel_row(int(r)) for r in rows["source_row"]]
        rows = rows.rename(columns={"source_row": t("provenance.excel_row")})
        st.dataframe(rows, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rows)), column_config=config)
    rows_total = len(figure.source_rows)
    if figure.kind == SUM:
        st.caption(
            t(
                "provenance.sum_rows",
                rows=rows_total,
                value=fmt.figure_value(figure.value, figure.unit, lang, exact=True),
            )
        )
    elif figure.kind == COUNT:
        st.caption(t("provenance.count_rows", rows=rows_total))


def show_source(figure: Figure, place: str = "") -> None:
    """The body of the source dialog (also usable inline, e.g. in briefing notes); `place` numbers the figure's
    position among its parents' parts, so each part's widgets have keys of their own."""
    lang = current_language()
    versions = latest_versions()
    if figure.kind == GIVEN:
        st.markdown(
            t("provenance.given", name=name_of(figure), value=fmt.figure_value(figure.value, figure.unit, lang))
        )
        return
    if figure.is_derived:
        st.markdown(f"**{formula_line(figure, lang)}**")
        for number, part in enumerate(figure.parts):
            st.divider()
            st.markdown(f"**{name_of(part)}** — {fmt.figure_value(part.value, part.unit, lang, exact=True)}")
            if part.is_derived or part.kind == GIVEN:
                show_source(part, f"{place}_{number}")
            else:
                _show_rows(part, _version_of(part, versions), lang, f"{place}_{number}")
        return
    _show_rows(figure, _version_of(figure, versions), lang, place)


def _version_of(figure: Figure, latest: dict[str, Version]) -> Version | None:
    """The version a figure's rows are in: the one it names, else its dataset's latest."""
    if figure.dataset is None:
        return None
    if figure.version is None:
        return latest.get(figure.dataset)
    return get_store().version(figure.dataset, figure.version)


@st.dialog("출처 · Source", width="large", on_dismiss="rerun")  # closing redraws a clicked table, its cell unselected
def _source_dialog(figure: Figure, cell: str | None = None) -> None:
    _record_opening(figure)
    if cell is not None:  # which table cell was clicked, and the figure it holds
        lang = current_language()
        st.markdown(
            t(
                "provenance.cell",
                cell=markdown_escape(cell),
                name=name_of(figure),
                value=fmt.figure_value(figure.value, figure.unit, lang, exact=True),
            )
        )
    show_source(figure)


def _record_opening(figure: Figure) -> None:
    """The 접속기록 of this opening: the figure, and the dataset versions whose rows it is made of."""
    versions = latest_versions()
    used = sorted(
        {(f.dataset, f.version or versions[f.dataset].number) for f in _leaves(figure) if f.dataset in versions}
    )
    first = used[0] if used else (None, None)
    access.record(
        OPEN_SOURCE,
        dataset=first[0],
        number=first[1],
        file=translate(figure.key, "ko", **dict(figure.args)),  # the figure's name, as the log's readers read it
        figure=figure.key,
        versions=[f"{d} {n}" for d, n in used],
        rows=len(figure.source_rows),
    )


def _leaves(figure: Figure) -> list[Figure]:
    """The figures with rows behind `figure` (itself, or the parts of a derived figure)."""
    if figure.is_derived:
        return [leaf for part in figure.parts for leaf in _leaves(part)]
    return [] if figure.dataset is None else [figure]


def source_button(figure: Figure, key: str, label: str | None = None) -> None:
    """A small '출처' button (or `label`) under a figure; the rows are read only when it is pressed."""
    if st.button(label or t("provenance.button"), key=f"source_{key}", type="tertiary", icon=":material/info:"):
        _source_dialog(figure)


CellFigure = Callable[[int, str], Figure | None]


def by_column(columns: Mapping[str, str], figure: Callable[[int, str], Figure | None]) -> CellFigure:
    """A cell source for a table whose shown column labels map to metrics columns: `figure(row, column)` is asked
    only for mapped columns (names and labels have no source)."""

    def figure_for(row: int, label: str) -> Figure | None:
        column = columns.get(label)
        return None if column is None else figure(row, column)

    return figure_for


def open_cell_source(
    selection: Mapping, key: str, figure_for: CellFigure, row_label: Callable[[int, str], str]
) -> None:
    """Open the source dialog of the table cell just clicked (a dataframe's single-cell selection).

    `figure_for(row, column)` gets the row's position in the frame the table was given and the column as shown;
    `row_label(row, column)` names the cell's row in the dialog's first line.
    The dialog opens once per click: the next run draws the table afresh, with no cell selected."""
    cells = selection.get("cells") or []
    if not cells:
        return
    cell = (int(cells[0][0]), str(cells[0][1]))
    # The grid keeps its clicked cell selected, and a click on a selected cell sends nothing: the table is
    # drawn afresh (a new key) on the next run, so the same cell can be clicked again.
    st.session_state[f"_{key}_generation"] = st.session_state.get(f"_{key}_generation", 0) + 1
    figure = figure_for(*cell)
    if figure is None:
        st.toast(t("provenance.no_cell_source"), icon=":material/info:")
        return
    _source_dialog(figure, " · ".join([*filter(None, [row_label(*cell)]), cell[1]]))


def selectable_key(key: str, frame: pd.DataFrame, digest: str | None = None) -> str:
    """The st.dataframe key of a table whose cells open their source: `key`, its content's digest and how many
    sources it has opened. A grid whose data changed under the same key (a filter, another version) swallows
    the first click, and one whose cell is still selected ignores a click on it: a new key draws it afresh.
    The key in use is kept in session state under `_<key>_current`; `digest`, when given, is the frame's
    `present.shown_table.content_digest`, made once with its view-model."""
    digest = content_digest(frame) if digest is None else digest
    generation = st.session_state.get(f"_{key}_generation", 0)
    current = f"{key}-{digest}-{generation}"
    st.session_state[f"_{key}_current"] = current
    return current

"""The upload page's parts: a dataset's template button, a refused file's problems, and what an import would
change (periods replaced and kept, rows added, removed and changed, totals) against the newest stored version."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from loaders import LoadResult
from loaders.periods import ImportPlan, describe_periods, describe_plan
from loaders.templates import template_xlsx
from metrics.changes import Changes
from present.upload_text import change_counts
from store import Version

from . import data_admin as views
from .export import download_xlsx_button
from .i18n import t
from .page import dataset_label

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_button(name: str, lang: str, container=st) -> None:
    """The dataset's input template (xlsx, Korean headers, one example row, the unit), made when clicked."""
    container.download_button(
        t("upload.template_button", dataset=dataset_label(name)),
        data=partial(template_xlsx, name),
        file_name=views.template_file_name(dataset_label(name), lang),
        mime=XLSX_MIME,
        key=f"upload_template_{name}",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
    )


def show_refused(result: LoadResult, dataset: str, lang: str) -> None:
    """Why the file was refused, row by row (with a workbook of the problems), its warnings, and the template."""
    st.error(t("upload.refused", count=len(result.errors)), icon=":material/block:")
    problems = views.problems_table(result.errors, lang)
    st.dataframe(problems, hide_index=True, width="stretch", key="upload_errors")
    download_xlsx_button(
        problems,
        "upload_problems",
        t("upload.problems_sheet"),
        t("export.download"),
        contains=(dataset,) if dataset in views.uploadable_datasets() else None,
    )
    if result.warnings:
        st.warning(t("upload.warnings", count=len(result.warnings)), icon=":material/info:")
        st.dataframe(views.problems_table(result.warnings, lang, note=True), hide_index=True, width="stretch")
    if dataset in views.spreadsheet_datasets():
        st.caption(t("upload.templates_help"))
        template_button(dataset, lang, st.columns(3)[0])


def show_periods(plan: ImportPlan, lang: str) -> None:
    """The plan's sentence, then the periods the file brings new, replaces and leaves as they are."""
    st.info(describe_plan(plan, lang), icon=":material/calendar_month:")
    period_columns = st.columns(3)
    for column, name, periods in zip(
        period_columns, ("new", "replaced", "kept"), (plan.new, plan.replaced, plan.kept), strict=False
    ):
        column.markdown(f"**{t(f'upload.periods.{name}')}**")
        column.caption(describe_periods(periods, lang) or t("upload.periods.none"))


def _rows_expander(label: str, dataset: str, frame: pd.DataFrame, lang: str) -> None:
    with st.expander(label):
        table, config = views.rows_table(dataset, frame, lang)
        st.dataframe(table, column_config=config, hide_index=True, width="stretch")


def show_changes(dataset: str, current: Version | None, changes: Changes, lang: str) -> None:
    """What the import would change against `current` (the newest stored version; None: the first upload)."""
    label = dataset_label(dataset)
    st.subheader(t("changes.title"))
    if current is None:
        st.info(t("changes.first", dataset=label))
    else:
        st.caption(
            t(
                "changes.against",
                number=current.number,
                uploaded=views.korea_time(current.created_at, lang),
                user=views.who(current, lang),
                file=current.filename,
            )
        )
    for column, (name, count) in zip(st.columns(4), change_counts(changes, lang), strict=True):
        column.metric(name, count)
    st.caption(t("changes.key", columns=views.join_labels(dataset, changes.key, lang)))
    st.markdown(f"**{t('changes.totals')}**")
    st.dataframe(views.totals_table(dataset, changes, lang), hide_index=True, width="stretch", key="upload_totals")
    if current is not None and changes.is_empty:
        st.info(t("changes.none"), icon=":material/drag_handle:")
    if current is not None and not changes.added.empty:
        _rows_expander(t("changes.show_added", count=f"{len(changes.added):,}"), dataset, changes.added, lang)
    if not changes.removed.empty:
        _rows_expander(t("changes.show_removed", count=f"{len(changes.removed):,}"), dataset, changes.removed, lang)
    if not changes.changed.empty:
        with st.expander(t("changes.show_changed", count=f"{len(changes.changed):,}")):
            st.dataframe(views.changed_cells_table(dataset, changes, lang), hide_index=True, width="stretch")

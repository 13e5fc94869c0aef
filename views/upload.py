"""데이터 올리기 (staff): check a spreadsheet, see what it changes, and only then import it as a new version."""

import hashlib
from functools import partial

import streamlit as st

from auth.roles import Page
from auth.session import authorize, require_role
from loaders.contract import DATASETS
from loaders.periods import (
    EVERYTHING,
    PERIODS,
    UnreadablePeriods,
    check_readable,
    describe_periods,
    describe_plan,
    merged,
    plan_import,
)
from loaders.templates import template_xlsx
from loaders.worker import check_file
from metrics.changes import compare_versions
from present import clock
from present import format as fmt
from ui import data_admin as views
from ui.data import dataset_frame, get_store, latest_versions
from ui.export import download_xlsx_button
from ui.i18n import t
from ui.page import dataset_label, page_setup

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ctx = page_setup("nav.upload")
account = require_role(Page.UPLOAD.role)
lang = ctx.lang

saved = st.session_state.pop("upload_flash", None)
if saved:
    st.success(t("upload.saved", **saved), icon=":material/check_circle:")


def template_button(name: str, container=st) -> None:
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


st.markdown(t("upload.intro"))
st.info(t("upload.limit", mb=st.get_option("server.maxUploadSize")), icon=":material/upload_file:")
# A new key after each import empties the uploader for the next file.
generation = st.session_state.setdefault("upload_generation", 0)
uploaded = st.file_uploader(
    t("upload.file_label"),
    type=["xlsx", "xls", "xlsb", "ods", "csv", "geojson", "json"],
    key=f"upload_file_{generation}",
)
if uploaded is None:
    with st.expander(t("upload.templates"), icon=":material/description:"):
        st.caption(t("upload.templates_help"))
        columns = st.columns(3)
        for index, name in enumerate(views.spreadsheet_datasets()):
            template_button(name, columns[index % 3])
    st.stop()

data = uploaded.getvalue()
filename = uploaded.name
sha256 = hashlib.sha256(data).hexdigest()


def checked(dataset: str | None, as_of):
    """The file checked (a large one in a worker process, loaders/worker.py), with a progress bar meanwhile."""
    bar = st.progress(0.0, text=t("upload.checking"))

    def progress(share: float) -> None:
        bar.progress(min(share, 1.0), text=t("upload.checking"))

    result = check_file(data, filename, dataset, as_of, progress=progress)
    bar.empty()
    return result


if st.session_state.get("upload_sha") != (sha256, uploaded.name):
    detected = checked(None, None)
    st.session_state["upload_sha"] = (sha256, uploaded.name)
    st.session_state["upload_results"] = {(detected.dataset, None): detected}
    st.session_state["upload_detected"] = detected.dataset
    start = detected.dataset if detected.dataset in views.uploadable_datasets() else None
    views.set_language_keyed("upload_dataset", lang, start)  # the selectbox starts at the detected one
results = st.session_state["upload_results"]
detected_name = st.session_state["upload_detected"]

chosen = st.selectbox(
    t("upload.dataset_label"),
    views.uploadable_datasets(),
    format_func=dataset_label,
    index=None,
    placeholder=t("upload.dataset_placeholder"),
    key=views.language_key("upload_dataset", lang),
)
if detected_name:
    st.caption(t("upload.detected", dataset=dataset_label(detected_name)))
else:
    st.warning(t("upload.not_detected"), icon=":material/help:")
if chosen is None:
    unreadable = results.get((None, None))
    if unreadable is not None and unreadable.errors:
        st.dataframe(views.problems_table(unreadable.errors, lang), hide_index=True, width="stretch")
    st.stop()
# A file that gives no 기준일 (companies, or a year-to-date budget export without one in a title row): the staffer
# says which date its figures are as of, and the file is read again with it.
chosen_as_of = st.session_state.get(f"upload_as_of_{chosen}")
if (chosen, chosen_as_of) not in results:
    results[(chosen, chosen_as_of)] = checked(chosen, chosen_as_of)
result = results[(chosen, chosen_as_of)]
label = dataset_label(chosen)
if views.asks_for_as_of(chosen, result) or chosen_as_of is not None:
    st.date_input(
        t("upload.as_of_label"),
        value=None,
        key=f"upload_as_of_{chosen}",
        help=t("upload.as_of_help"),
        format="YYYY.MM.DD",
    )

if not result.ok:
    st.error(t("upload.refused", count=len(result.errors)), icon=":material/block:")
    problems = views.problems_table(result.errors, lang)
    st.dataframe(problems, hide_index=True, width="stretch", key="upload_errors")
    download_xlsx_button(problems, "upload_problems", t("upload.problems_sheet"), t("export.download"))
    if result.warnings:
        st.warning(t("upload.warnings", count=len(result.warnings)), icon=":material/info:")
        st.dataframe(views.problems_table(result.warnings, lang, note=True), hide_index=True, width="stretch")
    if chosen in views.spreadsheet_datasets():
        st.caption(t("upload.templates_help"))
        template_button(chosen, st.columns(3)[0])
    st.stop()

if result.sheet and not uploaded.name.lower().endswith(".csv"):
    st.success(
        t("upload.valid", dataset=label, rows=f"{result.rows:,}", sheet=result.sheet), icon=":material/task_alt:"
    )
else:
    st.success(t("upload.valid_csv", dataset=label, rows=f"{result.rows:,}"), icon=":material/task_alt:")
if result.warnings:
    st.warning(t("upload.warnings", count=len(result.warnings)), icon=":material/info:")
    st.dataframe(
        views.problems_table(result.warnings, lang, note=True), hide_index=True, width="stretch", key="upload_warnings"
    )

st.subheader(t("upload.preview"))
preview, preview_config = views.rows_table(chosen, result.frame, lang)
st.dataframe(preview, column_config=preview_config, hide_index=True, width="stretch", height=300, key="upload_preview")
st.caption(t("upload.preview_caption"))

# What the import would change, against the newest stored version (read again on every run).
versions = latest_versions()
current = versions.get(chosen)
current_frame = dataset_frame(chosen, versions)
try:
    check_readable(chosen, result.frame, clock.today())
except UnreadablePeriods as unreadable:
    st.error(str(unreadable), icon=":material/event_busy:")
    st.stop()
replace = PERIODS
st.subheader(t("upload.periods.title"))
if DATASETS[chosen].period and current is not None:
    replace = (
        st.segmented_control(
            t("upload.replace_label"),
            [PERIODS, EVERYTHING],
            default=PERIODS,
            format_func=lambda r: t(f"upload.replace.{r}"),
            key="upload_replace",
            help=t("upload.replace_help"),
        )
        or PERIODS
    )
plan = plan_import(chosen, current_frame, result.frame, replace)
st.info(describe_plan(plan, lang), icon=":material/calendar_month:")
period_columns = st.columns(3)
for column, name, periods in zip(
    period_columns, ("new", "replaced", "kept"), (plan.new, plan.replaced, plan.kept), strict=False
):
    column.markdown(f"**{t(f'upload.periods.{name}')}**")
    column.caption(describe_periods(periods, lang) or t("upload.periods.none"))
changes = compare_versions(chosen, current_frame, merged(current_frame, result.frame, plan))
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
counts = st.columns(4)
counts[0].metric(t("changes.added"), t("changes.rows", count=f"{len(changes.added):,}"))
counts[1].metric(t("changes.removed"), t("changes.rows", count=f"{len(changes.removed):,}"))
counts[2].metric(t("changes.changed"), t("changes.rows", count=f"{changes.changed_rows:,}"))
counts[3].metric(t("changes.unchanged"), t("changes.rows", count=f"{changes.unchanged_rows:,}"))
st.caption(t("changes.key", columns=views.join_labels(chosen, changes.key, lang)))
st.markdown(f"**{t('changes.totals')}**")
st.dataframe(views.totals_table(chosen, changes, lang), hide_index=True, width="stretch", key="upload_totals")
if current is not None and changes.is_empty:
    st.info(t("changes.none"), icon=":material/drag_handle:")
if current is not None and not changes.added.empty:
    with st.expander(t("changes.show_added", count=f"{len(changes.added):,}")):
        table, config = views.rows_table(chosen, changes.added, lang)
        st.dataframe(table, column_config=config, hide_index=True, width="stretch")
if not changes.removed.empty:
    with st.expander(t("changes.show_removed", count=f"{len(changes.removed):,}")):
        table, config = views.rows_table(chosen, changes.removed, lang)
        st.dataframe(table, column_config=config, hide_index=True, width="stretch")
if not changes.changed.empty:
    with st.expander(t("changes.show_changed", count=f"{len(changes.changed):,}")):
        st.dataframe(views.changed_cells_table(chosen, changes, lang), hide_index=True, width="stretch")

if current is not None and current.sha256 == sha256:
    st.info(t("upload.same_file", number=current.number), icon=":material/check:")
    st.stop()

# Import only what the staffer has seen: the preview's base version must still be the newest one.
shown = st.session_state.get("upload_shown")
now_showing = (sha256, chosen, current.id if current else None, replace, chosen_as_of)
next_number = current.number + 1 if current else 1
if st.button(
    t("upload.confirm", dataset=label, number=next_number, ro=fmt.ro(next_number)),
    type="primary",
    key="upload_confirm",
    help=t("upload.confirm_help"),
    icon=":material/cloud_upload:",
):
    actor = authorize("import")
    if shown != now_showing:
        st.warning(
            t("upload.stale", dataset=label, number=current.number if current else "–"), icon=":material/sync_problem:"
        )
    else:
        try:
            version = get_store().save_version(result, data, user=actor.actor, replace=replace)
        except Exception as error:
            st.error(t("upload.save_failed", error=error), icon=":material/error:")
        else:
            st.session_state["upload_flash"] = {
                "dataset": label,
                "number": version.number,
                "rows": f"{version.row_count:,}",
                "file": version.filename,
            }
            for key in (
                "upload_sha",
                "upload_results",
                "upload_detected",
                "upload_shown",
                "upload_replace",
                *[k for k in st.session_state if str(k).startswith("upload_as_of_")],
            ):
                st.session_state.pop(key, None)
            views.set_language_keyed("upload_dataset", lang, None)
            st.session_state["upload_generation"] = generation + 1
            st.rerun()
st.session_state["upload_shown"] = now_showing

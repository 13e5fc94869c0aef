"""데이터 올리기 (staff): check a spreadsheet, see what it changes, and only then import it as a new version."""

import dataclasses
import hashlib

import streamlit as st

from auth.roles import Page
from auth.session import authorize, require_role
from loaders.contract import DATASETS
from loaders.periods import EVERYTHING, PERIODS, UnreadablePeriods, check_readable, merged, plan_import
from loaders.worker import check_file
from metrics.changes import compare_versions
from present import clock
from present import format as fmt
from present.agreements_view import lowered_warnings
from present.safe_text import markdown_escape
from present.upload_text import file_state_keys, saved_values, valid_text
from ui import data_admin as views
from ui.data import dataset_frame, get_store, latest_versions
from ui.i18n import t
from ui.import_preview import show_changes, show_periods, show_refused, template_button
from ui.page import dataset_label, page_setup

UNREADABLE_SHOWN = 3  # problems of a file refused as a whole shown one by one; more go to a table

ctx = page_setup("nav.upload")
account = require_role(Page.UPLOAD.role)
lang = ctx.lang

saved = st.session_state.pop("upload_flash", None)
if saved:
    st.success(t("upload.saved", **saved), icon=":material/check_circle:")


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
            template_button(name, lang, columns[index % 3])
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
unreadable_file = results.get((None, None))
if detected_name:
    st.caption(t("upload.detected", dataset=dataset_label(detected_name)))
elif unreadable_file is not None and unreadable_file.unreadable:  # what it is, a bomb, a ceiling: say so plainly
    for problem in unreadable_file.errors[:UNREADABLE_SHOWN]:
        st.error(markdown_escape(str(problem)), icon=":material/block:")
    if len(unreadable_file.errors) > UNREADABLE_SHOWN:
        st.dataframe(views.problems_table(unreadable_file.errors, lang), hide_index=True, width="stretch")
    st.stop()
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
    show_refused(result, chosen, lang)
    st.stop()

st.success(valid_text(result, label, filename, lang), icon=":material/task_alt:")
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
# 투자실적·고용실적 lower than the snapshot before (agreements): accepted, each named; kept with the import's warnings
lowered = lowered_warnings(chosen, current_frame, result.frame, lang)
if lowered:
    st.warning(t("upload.warnings", count=len(lowered)), icon=":material/trending_down:")
    st.dataframe(views.problems_table(lowered, lang, note=True), hide_index=True, width="stretch", key="upload_lowered")
    result = dataclasses.replace(result, warnings=[*result.warnings, *lowered])
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
show_periods(plan, lang)
show_changes(chosen, current, compare_versions(chosen, current_frame, merged(current_frame, result.frame, plan)), lang)

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
            st.session_state["upload_flash"] = saved_values(label, version)
            for key in file_state_keys(list(st.session_state)):
                st.session_state.pop(key, None)
            views.set_language_keyed("upload_dataset", lang, None)
            st.session_state["upload_generation"] = generation + 1
            st.rerun()
st.session_state["upload_shown"] = now_showing

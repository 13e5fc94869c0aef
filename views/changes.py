"""지난 보고 이후 변화: two versions of a dataset, or the data as it stood at a date, against now."""

import datetime as dt

import streamlit as st

from loaders.contract import compared_datasets
from metrics.what_changed import change_figure, version_at
from present import clock
from present import format as fmt
from present.changes_view import ChangeTable, build_changes_view
from present.safe_text import markdown_escape
from ui.data import dataset_versions, version_frame
from ui.export import show_table
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import by_column
from ui.shared import StoredRows

COMPARED = compared_datasets()

ctx = page_setup("whatchanged.title")
lang = ctx.lang
st.caption(t("whatchanged.intro"))

left, middle, right = st.columns([2, 2, 3])
dataset = left.selectbox(
    t("whatchanged.dataset"), COMPARED, format_func=lambda d: t(f"dataset.{d}"), key="changes_dataset"
)
mode = (
    middle.segmented_control(
        t("whatchanged.mode"),
        ("date", "versions"),
        default="date",
        key="changes_mode",
        format_func=lambda m: t(f"whatchanged.mode.{m}"),
    )
    or "date"
)
latest = ctx.versions.get(dataset)
if latest is None:
    st.info(t("whatchanged.no_data", dataset=t(f"dataset.{dataset}")))
    st.stop()
versions = dataset_versions(dataset, latest.id)


def option(version) -> str:
    return t(
        "whatchanged.version_option",
        number=version.number,
        when=fmt.datetime_label(version.created_at, lang),
        user=version.created_by,
    )


if mode == "date":
    since = right.date_input(
        t("whatchanged.since"), value=clock.today() - dt.timedelta(days=30), key="changes_since", format="YYYY.MM.DD"
    )
    end_of_day = dt.datetime.combine(since, dt.time.max, tzinfo=fmt.SEOUL)
    before, after = version_at(versions, end_of_day), latest
    if before is None:
        st.info(t("whatchanged.no_before", date=fmt.date_label(since, lang), dataset=t(f"dataset.{dataset}")))
    elif before.id == after.id:
        st.success(
            t(
                "whatchanged.same_version",
                date=fmt.date_label(since, lang),
                dataset=t(f"dataset.{dataset}"),
                number=after.number,
            )
        )
        st.stop()
else:
    pick_before, pick_after = right.columns(2)
    after = pick_after.selectbox(t("whatchanged.after_version"), versions, format_func=option, key="changes_after")
    older = [v for v in versions if v.number < after.number] or versions
    before = pick_before.selectbox(t("whatchanged.before_version"), older, format_func=option, key="changes_before")

# Read only when the view is built, or when a number is clicked (its rows in the version it comes from)
view = ctx.shared(build_changes_view, dataset, StoredRows(before) if before else None, StoredRows(after), lang)
if before is not None:
    st.subheader(
        t(
            "whatchanged.header",
            dataset=t(f"dataset.{dataset}"),
            before=before.number,
            before_when=fmt.datetime_label(before.created_at, lang),
            after=after.number,
            after_when=fmt.datetime_label(after.created_at, lang),
        )
    )
st.markdown("\n".join(f"- {markdown_escape(sentence)}" for sentence in view.sentences))


def show(spec: ChangeTable) -> None:
    """A summary table with its headers and its Excel download with the same headers; with a `group`, a click on
    a number opens its rows in the version it comes from."""
    st.markdown(f"**{spec.title}**")
    column_of = {label: column for column, label in spec.labels.items() if column != spec.group}
    numbers = (before.number if before else None, after.number)
    group = spec.group
    show_table(
        spec.frame.rename(columns=spec.labels),
        key=spec.key,
        contains=(dataset,),
        sheet_name=spec.title[:31],
        download_label=t("whatchanged.download"),
        signed_columns=spec.signed_columns,
        cell_source=None
        if group is None
        else by_column(
            column_of,
            lambda row, column: change_figure(
                dataset,
                version_frame(before) if before else None,
                version_frame(after),
                numbers,
                group,
                spec.frame[group].iloc[row],
                column,
            ),
        ),
    )


for spec in view.tables:
    show(spec)
for label, frame in view.rows:
    with st.expander(label):
        st.dataframe(frame, hide_index=True, width="stretch")

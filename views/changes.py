"""지난 보고 이후 변화: two versions of a dataset, or the data as it stood at a date, against now."""

import datetime as dt

import streamlit as st

from metrics.what_changed import change_figure, summarise, version_at
from present import format as fmt
from present.change_text import render
from present.safe_text import markdown_escape
from ui.data import dataset_versions, version_frame
from ui.export import show_table
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import by_column

COMPARED = ("budget", "jobs", "companies", "reasons", "sites", "targets", "events")

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
        t("whatchanged.since"), value=dt.date.today() - dt.timedelta(days=30), key="changes_since", format="YYYY.MM.DD"
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

before_frame, after_frame = (version_frame(before) if before else None), version_frame(after)
summary = summarise(dataset, before_frame, after_frame)
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
st.markdown("\n".join(f"- {markdown_escape(render(sentence, lang))}" for sentence in summary.sentences))


def side_label(column: str, unit: str = "") -> str:
    """'executed_krw_difference' → '집행액 · 차이 (원)' ("Executed budget, difference (KRW)")."""
    measure, side = column.rsplit("_", 1)
    name = t("measure." + measure)
    return t("whatchanged.column", measure=name[:1].upper() + name[1:], side=t("whatchanged.side." + side), unit=unit)


def table(title_key: str, frame, labels: dict[str, str], key: str, group: str | None = None) -> None:
    """A summary table with Korean (or English) headers and its Excel download with the same headers. With
    `group` (the column naming each row), a click on a number opens its rows in the version it comes from."""
    st.markdown(f"**{t(title_key)}**")
    column_of = {label: column for column, label in labels.items() if column != group}
    numbers = (before.number if before else None, after.number)
    show_table(
        frame.rename(columns=labels),
        key=key,
        sheet_name=t(title_key)[:31],
        download_label=t("whatchanged.download"),
        signed_columns=tuple(v for k, v in labels.items() if k.endswith("_difference")),
        cell_source=None
        if group is None
        else by_column(
            column_of,
            lambda row, column: change_figure(
                dataset, before_frame, after_frame, numbers, group, frame[group].iloc[row], column
            ),
        ),
    )


if summary.by_program is not None:
    ordered = summary.by_program.reindex(
        summary.by_program["executed_krw_difference"].abs().sort_values(ascending=False).index
    )
    labels = {"program": t("measure.program")} | {
        c: side_label(c, t("whatchanged.unit.krw")) for c in ordered.columns if c != "program"
    }
    table("whatchanged.table.by_program", ordered, labels, "changes_by_program", group="program")
if summary.by_sector is not None:
    labels = {"sector": t("measure.sector")} | {c: side_label(c) for c in summary.by_sector.columns if c != "sector"}
    table("whatchanged.table.by_sector", summary.by_sector, labels, "changes_by_sector", group="sector")
if summary.company_moves is not None and not summary.company_moves.empty:
    moves = summary.company_moves.assign(move=summary.company_moves["move"].map(lambda m: t(f"whatchanged.move.{m}")))
    moves = moves.astype({"valuation_before": "Int64", "valuation_after": "Int64"})
    labels = {
        "company": t("measure.company"),
        "move": t("whatchanged.table.moves"),
        "stage_before": t("whatchanged.stage_before"),
        "stage_after": t("whatchanged.stage_after"),
        "valuation_before": t("whatchanged.valuation_before"),
        "valuation_after": t("whatchanged.valuation_after"),
    }
    table("whatchanged.table.moves", moves, labels, "changes_moves")
changes = summary.changes
for name, frame in (("added", changes.added), ("removed", changes.removed), ("changed", changes.changed)):
    if not frame.empty:
        with st.expander(f"{t('whatchanged.table.' + name)} ({len(frame):,})"):
            st.dataframe(frame, hide_index=True, width="stretch")

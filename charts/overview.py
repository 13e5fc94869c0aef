"""The programme timeline: phases as bars, today as a rule, events and facility completions as marks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import altair as alt
import pandas as pd

from present.i18n import phase_label, translate, value_label

from .describe import described, layered, listing, rows_of
from .palette import EXECUTED, NEUTRAL, PLANNED, TARGET, text_on
from .timeline_labels import offset, place_titles

TODAY_TEXT = "#1c2430"  # the theme's text colour
PHASE_STATUS_COLORS = {"done": NEUTRAL, "current": EXECUTED, "planned": PLANNED}
MILESTONE_COLOR = "#1c2430"


TITLE_PX = 12  # the milestones' titles on a page (a slide writes them in its theme's size)
PAGE_PLOT_PX = 640  # the plot's width the titles are placed for on a page: a 1280-px screen with the sidebar has more
PHONE_PLOT_PX = 260  # on a phone (390 px, less the page's margins and the lanes' names)
PAGE_HEIGHT = 230  # the plot's height on a page (the legend and the years' axis come on top of it)


def haloed_text(data: pd.DataFrame, encoding: dict[str, Any], color: str, **mark: Any) -> list[alt.Chart]:
    """Text drawn twice, a white outline first: readable over the phase bars, the today line and gridlines."""
    paints: tuple[dict[str, Any], ...] = ({"color": "white", "stroke": "white", "strokeWidth": 4}, {"color": color})
    return [alt.Chart(data).mark_text(**mark, **paint).encode(**encoding) for paint in paints]


def timeline_domain(phases: pd.DataFrame, milestones: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis: from the first phase or milestone to the last phase's end, three months to spare each side."""
    start = min(phases["start"].min(), milestones["date"].min() if not milestones.empty else phases["start"].min())
    return (start - pd.DateOffset(months=3), phases["end"].max() + pd.DateOffset(months=3))


@dataclass(frozen=True)
class TitleLayout:
    """Where a timeline is drawn: the plot's width and height in px and the titles' size."""

    width: float = PAGE_PLOT_PX
    height: float = PAGE_HEIGHT
    font_px: float = TITLE_PX


def milestone_titles(
    phases: pd.DataFrame, milestones: pd.DataFrame, today: dt.date, layout: TitleLayout
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the milestones whose titles the timeline writes, with their `dy` and `align`; the others, in date order):
    `charts.timeline_labels.place_titles` for this plot."""
    if milestones.empty:
        return milestones.assign(dy=[], dx=[], baseline=[], align=[]), milestones
    ordered = milestones.sort_values("date", kind="stable").reset_index(drop=True)
    placed = place_titles(
        list(ordered["date"]),
        [str(t) for t in ordered["title"]],
        timeline_domain(phases, ordered),
        today,
        layout.width,
        layout.height,
        layout.font_px,
    )
    written = ordered.iloc[[p.row for p in placed]].assign(
        dy=[offset(p.lane, layout.font_px) for p in placed],
        dx=[round(p.dx, 2) for p in placed],
        baseline=["bottom" if p.lane.above else "top" for p in placed],
        align=["left" if p.starts_at_diamond else "right" for p in placed],
    )
    rest = ordered.drop(index=[p.row for p in placed])
    return written.reset_index(drop=True), rest.reset_index(drop=True)


def timeline_chart(
    phases: pd.DataFrame,
    milestones: pd.DataFrame,
    today: dt.date,
    lang: str,
    layout: TitleLayout = TitleLayout(),
) -> alt.LayerChart:
    """Two lanes over the years: the phases, and the milestones. Every milestone title that fits clear of the others
    and of the today line is written (`milestone_titles`, placed for `layout`); hover any diamond for its date,
    title and kind."""
    phase_lane, event_lane = translate("overview.lane_phases", lang), translate("overview.lane_events", lang)
    status_names = {s: translate(f"overview.phase_status.{s}", lang) for s in PHASE_STATUS_COLORS}
    phases = phases.assign(
        status_name=phases["status"].map(status_names),
        lane=phase_lane,
        name=[phase_label(n, name, lang) for n, name in zip(phases["phase"], phases["name"], strict=False)],
        strategies=[
            " · ".join(value_label("strategy", s, lang) for s in str(v).split(" · ")) if v else v
            for v in phases["strategies"]
        ],
    )
    domain = timeline_domain(phases, milestones)
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=list(domain)),
        axis=alt.Axis(format="%Y", tickCount="year", labelFontSize=13, grid=True),
    )
    y = alt.Y("lane:N", title=None, sort=[phase_lane, event_lane], axis=alt.Axis(labelFontSize=13, labelLimit=120))
    bars = (
        alt.Chart(phases)
        .mark_bar(cornerRadius=4, height=30)
        .encode(
            x=x,
            x2="end:T",
            y=y,
            color=alt.Color(
                "status_name:N",
                scale=alt.Scale(domain=list(status_names.values()), range=list(PHASE_STATUS_COLORS.values())),
                legend=alt.Legend(title=None, orient="top", labelFontSize=13),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=translate("overview.phase", lang)),
                alt.Tooltip("start:T", title=translate("overview.start", lang), format="%Y-%m"),
                alt.Tooltip("end:T", title=translate("overview.end", lang), format="%Y-%m"),
                alt.Tooltip("strategies:N", title=translate("overview.strategies", lang)),
            ],
        )
    )
    # Not by colour alone (#17): each bar says its status in words ("1단계 · 완료"), in white on the dark bar and
    # in the text colour on the light ones (4.5:1 either way).
    phases = phases.assign(
        bar_text=[f"{n} · {s}" for n, s in zip(phases["name"], phases["status_name"], strict=False)],
        text_color=[text_on(PHASE_STATUS_COLORS.get(s, NEUTRAL)) for s in phases["status"]],
    )
    names = (
        alt.Chart(phases)
        .mark_text(fontWeight="bold", fontSize=14, align="left", dx=8)
        .encode(x="start:T", y=y, text="bar_text:N", color=alt.Color("text_color:N", scale=None, legend=None))
    )
    today_frame = pd.DataFrame({"start": [pd.Timestamp(today)], "label": [translate("overview.today", lang)]})
    today_rule = alt.Chart(today_frame).mark_rule(color=TARGET, strokeWidth=2, strokeDash=[4, 3]).encode(x="start:T")
    today_text = haloed_text(
        today_frame,
        {"x": "start:T", "text": "label:N"},
        TODAY_TEXT,
        fontWeight="bold",
        align="left",
        dx=4,
        baseline="top",
        y=2,
    )
    layers = [bars, names, today_rule, *today_text]
    if not milestones.empty:
        marks = milestones.rename(columns={"date": "start"}).assign(lane=event_lane)
        marks["kind"] = [value_label("event_kind", k, lang) for k in marks["kind"]]
        layers.append(
            alt.Chart(marks)
            .mark_point(shape="diamond", filled=True, size=110, color=MILESTONE_COLOR, opacity=0.85)
            .encode(
                x="start:T",
                y=y,
                tooltip=[
                    alt.Tooltip("start:T", title=translate("overview.date", lang), format="%Y-%m-%d"),
                    alt.Tooltip("title:N", title=translate("overview.event", lang)),
                    alt.Tooltip("kind:N", title=translate("overview.kind", lang)),
                ],
            )
        )
        written, _ = milestone_titles(phases, milestones, today, layout)
        written = written.rename(columns={"date": "start"}).assign(lane=event_lane)
        for (dy, baseline, align), group in written.groupby(["dy", "baseline", "align"]):
            layers += haloed_text(
                group,
                {"x": "start:T", "y": y, "text": "title:N"},
                MILESTONE_COLOR,
                baseline=baseline,
                align=align,
                dy=float(cast(Any, dy)),
                dx=alt.ExprRef("datum.dx"),
                fontSize=layout.font_px,
            )
    return described(
        # `height` is the plot's (autosize fit-x, as on a slide): the titles' lanes were placed for it
        layered(*layers).properties(
            height=layout.height,
            width="container",
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        ),
        translate("overview.timeline", lang),
        timeline_summary(phases, milestones, today, lang),
        lang,
    )


def timeline_summary(phases: pd.DataFrame, milestones: pd.DataFrame, today: dt.date, lang: str) -> str:
    """Each phase with its years and status ("1단계 2023~2025 완료"), then the next milestone after today.
    `phases` as `timeline_chart` prepares them (name and status_name in `lang`)."""
    items = [
        translate(
            "chart.desc.timeline.phase",
            lang,
            name=p.name,
            start=pd.Timestamp(p.start).year,
            end=pd.Timestamp(p.end).year,
            status=p.status_name,
        )
        for p in rows_of(phases)
    ]
    text = translate("chart.desc.timeline", lang, items=listing(items, lang)) if items else ""
    upcoming = (
        milestones[milestones["date"] > pd.Timestamp(today)].sort_values("date") if not milestones.empty else milestones
    )
    if not upcoming.empty:
        first = upcoming.iloc[0]
        text += translate(
            "chart.desc.timeline.next",
            lang,
            date=pd.Timestamp(first["date"]).strftime("%Y-%m-%d"),
            title=first["title"],
        )
    return text

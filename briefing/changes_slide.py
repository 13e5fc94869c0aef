"""The what-changed slide: the data now against the data as it stood at a chosen date (the last briefing)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from loaders.contract import compared_datasets
from metrics.figures import difference, row_count, total
from metrics.what_changed import summarise
from present import format as fmt
from present.change_text import render
from present.i18n import translate

from .model import BriefingData, Headline, Slide
from .registry import slide
from .slides import as_of_line, empty_slide, sources
from .theme import projector_spec

COMPARED = compared_datasets()
SENTENCES_SHOWN = 3  # what fits under the figures at 1280×720 without scrolling, with the chart below
BARS_SHOWN = 5
CHART_HEIGHT = 160  # with the figures, three sentences, the 사유·대책 changes and two lines of sources: fits 1280×720


def _latest_companies(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["as_of"] == frame["as_of"].max()]


def _headlines(data: BriefingData) -> list[Headline]:
    """Executed budget, jobs created and companies: now, with the change since `since` as the figure."""
    pairs = (
        ("budget", lambda f, k: total(f, "executed_krw", "budget", k), "whatchanged.figure.executed"),
        ("jobs", lambda f, k: total(f, "new_hires", "jobs", k), "whatchanged.figure.new_hires"),
        ("companies", lambda f, k: row_count(_latest_companies(f), "companies", k), "whatchanged.figure.companies"),
    )
    headlines = []
    for dataset, measure, key in pairs:
        now, before = data.frame(dataset), data.earlier_frames.get(dataset)
        if now is None:
            continue
        after_figure = measure(now, key)
        if before is None or before.empty:
            continue
        change = difference(after_figure, measure(before, key), "whatchanged.figure.change")
        detail = translate(
            "whatchanged.figure.now",
            data.lang,
            value=fmt.figure_value(after_figure.value, after_figure.unit, data.lang),
        )
        headlines.append(
            Headline(
                translate(key, data.lang),
                change,
                fmt.figure_value(change.value, change.unit, data.lang, signed=True),
                detail,
            )
        )
    return headlines


def _chart(by_program: pd.DataFrame | None, lang: str) -> dict[str, Any] | None:
    """Executed money by programme: the largest changes, in 억원."""
    if by_program is None:
        return None
    moved = by_program[by_program["executed_krw_difference"] != 0]
    if moved.empty:
        return None
    top = moved.reindex(moved["executed_krw_difference"].abs().sort_values(ascending=False).index).head(BARS_SHOWN)
    top = top.assign(
        eok=top["executed_krw_difference"] / fmt.EOK, label=[fmt.money(v, lang) for v in top["executed_krw_difference"]]
    )
    chart = (
        alt.Chart(top, title=translate("whatchanged.chart", lang))
        .mark_bar()
        .encode(
            y=alt.Y("program:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("eok:Q", title=translate("whatchanged.chart.axis", lang)),
            color=alt.condition("datum.eok >= 0", alt.value("#0072B2"), alt.value("#D55E00")),
            tooltip=[
                alt.Tooltip("program:N", title=translate("measure.program", lang)),
                alt.Tooltip("label:N", title=translate("whatchanged.chart.axis", lang)),
            ],
        )
        .properties(height=CHART_HEIGHT, width="container")
    )
    return projector_spec(chart, CHART_HEIGHT)


@slide("changes", order=60)
def changes_slide(data: BriefingData) -> Slide:
    since = fmt.date_label(data.since, data.lang) if data.since else "–"
    title = translate("whatchanged.slide.title", data.lang, since=since)
    found = sources(data, COMPARED)
    if all(data.frame(d) is None for d in COMPARED):
        return empty_slide(data, "changes", title, COMPARED, COMPARED)
    if data.since is None or not data.earlier_versions:
        note = translate("whatchanged.slide.no_earlier", data.lang, since=since)
        return Slide("changes", title, sources=found, as_of_line=as_of_line(found, data.lang), note=note)
    sentences: list[str] = []
    reason_sentences: list[str] = []
    by_program = None
    for dataset in COMPARED:
        now = data.frame(dataset)
        if now is None:
            continue
        earlier, version = data.earlier_frames.get(dataset), data.earlier_versions.get(dataset)
        if version is not None and data.versions.get(dataset) == version:
            continue  # the same version then and now: nothing to say
        summary = summarise(dataset, earlier, now)
        if dataset == "budget":
            by_program = summary.by_program
        said = [render(s, data.lang) for s in summary.sentences if s.key != "whatchanged.rows"]
        if dataset == "reasons":  # said in full after the figures' sentences (issue #24)
            reason_sentences += [
                render(s, data.lang) for s in summary.sentences if s.key.startswith("whatchanged.reasons_")
            ]
            continue
        sentences += said
    if not sentences and not reason_sentences:
        sentences = [translate("whatchanged.slide.nothing", data.lang, since=since)]
    earlier_line = " · ".join(
        translate("whatchanged.slide.then", data.lang, dataset=translate(f"dataset.{d}", data.lang), number=v.number)
        for d, v in data.earlier_versions.items()
        if d in COMPARED
    )
    return Slide(
        "changes",
        title,
        tuple(_headlines(data)),
        _chart(by_program, data.lang),
        found,
        f"{as_of_line(found, data.lang)} · {earlier_line}" if earlier_line else as_of_line(found, data.lang),
        " · ".join(sentences[:SENTENCES_SHOWN] + reason_sentences),
    )

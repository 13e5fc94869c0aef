"""The what-changed slide: the data now against the data as it stood at a chosen date (the last briefing)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import altair as alt
import pandas as pd

from loaders.contract import compared_datasets
from metrics.figures import difference, row_count, total
from metrics.what_changed import scope_of, summarise, totalled
from present import format as fmt
from present.change_text import render, scope_text
from present.i18n import translate

from .model import BriefingData, Headline, Slide, Source
from .registry import slide
from .slides import as_of_line, as_of_text, empty_slide, sources
from .theme import projector_spec

COMPARED = compared_datasets()
SENTENCES_SHOWN = 3  # what fits under the figures at 1280×720 without scrolling, with the chart below
BARS_SHOWN = 5
CHART_HEIGHT = 160  # with the figures, three sentences, the 사유·대책 changes and two lines of sources: fits 1280×720


def _latest_companies(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["as_of"] == frame["as_of"].max()]


def _headlines(data: BriefingData) -> list[Headline]:
    """Executed budget, jobs created and companies: now, with the change since `since` as the figure, and what
    each total adds up beside it (all years of the budget, all months of jobs, the latest 기준일's companies)."""
    pairs = (
        ("budget", "executed_krw", lambda f, k: total(f, "executed_krw", "budget", k), "whatchanged.figure.executed"),
        ("jobs", "new_hires", lambda f, k: total(f, "new_hires", "jobs", k), "whatchanged.figure.new_hires"),
        (
            "companies",
            "employees",  # a level: its scope is the latest 기준일, as the count of companies'
            lambda f, k: row_count(_latest_companies(f), "companies", k),
            "whatchanged.figure.companies",
        ),
    )
    headlines = []
    for dataset, measure, count, key in pairs:
        now, before = data.frame(dataset), data.earlier_frames.get(dataset)
        if now is None or before is None or before.empty:
            continue
        after_figure = count(totalled(dataset, measure, now), key)
        change = difference(after_figure, count(totalled(dataset, measure, before), key), "whatchanged.figure.change")
        scope = scope_of(dataset, measure, before, now)
        detail = translate(
            "whatchanged.figure.now",
            data.lang,
            scope=scope_text(replace(scope, before=None), data.lang),  # a level: the date the figure speaks for
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
    sentences: list[tuple[str, str]] = []  # (dataset, sentence)
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
        sentences += [(dataset, sentence) for sentence in said]
    shown = sentences[:SENTENCES_SHOWN]
    if not shown and not reason_sentences:
        shown = [("", translate("whatchanged.slide.nothing", data.lang, since=since))]
    headlines = _headlines(data)
    # the as-of line names what the slide says something about: its figures' datasets and its sentences'
    figures_of = {h.figure.parts[0].dataset for h in headlines}  # a change's first part: the total now
    said_of = {d for d, _ in shown} | figures_of | ({"reasons"} if reason_sentences else set())
    return Slide(
        "changes",
        title,
        tuple(headlines),
        _chart(by_program, data.lang),
        found,
        compact_sources(tuple(s for s in found if s.dataset in said_of), since, data.lang),
        " · ".join([sentence for _, sentence in shown] + reason_sentences),
    )


def compact_sources(changed: tuple[Source, ...], since: str, lang: str) -> str:
    """One line (issue #37): the datasets that changed, grouped by the date they speak for, then the comparison
    date: '자료: 예산 집행·일자리 2026년 11월 기준 · 기업·유니콘 후보 2026. 9. 30. 기준 · 비교: 2026. 11. 8. 당시 자료'.
    The version of each (then and now) is in the 출처 of the what-changed page."""
    groups: dict[str, list[str]] = {}
    for source in changed:
        when = "" if source.as_of is None else as_of_text(source.dataset, source.as_of, lang)
        groups.setdefault(when, []).append(translate(f"dataset.{source.dataset}", lang))
    parts = [
        translate("whatchanged.slide.group", lang, datasets="·".join(names), as_of=when) if when else "·".join(names)
        for when, names in groups.items()
    ]
    parts.append(translate("whatchanged.slide.then_all", lang, since=since))
    return translate("briefing.sources", lang, sources=" · ".join(parts))

"""The investment agreements' funnel as a chart: agreements (건) that reached each stage of 협약 → 법인 설립 → 입주 →
가동, and beside them the ones that left (철수·해지), a pure Altair builder from the counts of
`metrics.agreements.funnel_figures`. Each bar is labelled with its count and its share of the stage before, so the
chart reads without colour."""

from __future__ import annotations

import altair as alt
import pandas as pd

from present import format as fmt
from present.i18n import translate

from .describe import described, layered
from .palette import EXECUTED, TEXT, WARNING

HEIGHT = 200
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
LEFT = "left"  # the exits' bar, after the ladder


def funnel_chart(
    reached: dict[str, int], conversion: dict[str, float | None], as_of: object, lang: str
) -> alt.LayerChart:
    """Horizontal bars, top to bottom: the ladder's stages (`reached`: stage → agreements that reached it, ladder
    order, then "left"), each labelled "N건 (앞 단계의 x%)"."""
    unit = translate("unit.agreements", lang)
    rows = []
    for stage, count in reached.items():
        name = translate("agreements.figure.left" if stage == LEFT else f"agreement_stage.{stage}", lang)
        share = conversion.get(stage)
        label = fmt.count(count, unit, lang) + (f" ({fmt.percent(share)})" if share is not None else "")
        rows.append({"stage": name, "count": count, "label": label, "exit": stage == LEFT})
    data = pd.DataFrame(rows, columns=["stage", "count", "label", "exit"])
    order = data["stage"].tolist()
    title = translate("agreements.chart.title", lang, date=fmt.date_label(pd.Timestamp(str(as_of)).date(), lang))
    y = alt.Y("stage:N", sort=order, title=None, axis=alt.Axis(labelLimit=160))
    top = max([1, *data["count"]])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "count:Q",
                title=translate("agreements.chart.count", lang),
                scale=alt.Scale(domain=[0, top * 1.25]),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            color=alt.condition("datum.exit", alt.value(WARNING), alt.value(EXECUTED)),
            tooltip=[
                alt.Tooltip("stage:N", title=translate("agreements.col.stage", lang)),
                alt.Tooltip("label:N", title=translate("agreements.col.reached", lang)),
            ],
        )
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4, color=TEXT).encode(y=y, x="count:Q", text="label:N")
    get = reached.get
    summary = translate(
        "agreements.chart.desc",
        lang,
        total=f"{get('협약', 0):,}",
        incorporated=f"{get('법인 설립', 0):,}",
        resident=f"{get('입주', 0):,}",
        operating=f"{get('가동', 0):,}",
        left=f"{get(LEFT, 0):,}",
    )
    chart = layered(bars, labels).properties(title=title, height=HEIGHT, width="container", autosize=AUTOSIZE)
    return described(chart, title, summary, lang)

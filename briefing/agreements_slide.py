"""The slide "투자협약 이행" (issue #35): of the companies that signed an investment agreement, how many moved in or
operate, how much of the promised investment and jobs came, and who left. Its figures are the pipeline page's
(`present.agreements_view`), so the page, the slide, the PDF and `python -m metrics pipeline` agree."""

from __future__ import annotations

from charts.agreements import funnel_chart
from loaders.contract import slide_datasets
from present import agreements_view
from present import format as fmt
from present.i18n import translate

from .model import BriefingData, Headline, Slide
from .registry import slide
from .slides import CHART_HEIGHT, as_of_line, empty_slide, sources
from .theme import projector_spec


@slide("agreements", order=45)
def agreements_slide(data: BriefingData) -> Slide:
    def t(key: str, **values: object) -> str:
        return translate(key, data.lang, **values)

    title = t("agreements.slide.title")
    agreements = data.frame("agreements")
    view = agreements_view.build_agreements_view(agreements, data.lang)
    if view is None:
        return empty_slide(data, "agreements", title, slide_datasets("agreements", needed=True), ())
    found = sources(data, slide_datasets("agreements"))
    f = view.figures
    _, m = view.resident_text
    headlines = (
        Headline(
            t("agreements.slide.label.resident"),
            f["resident"],
            agreements_view.resident_value(view, data.lang),
            t("agreements.slide.detail.resident", m=f"{m:,}", n=f"{f['agreements'].value:,}"),
        ),
        Headline(
            t("agreements.slide.label.investment_rate"),
            f["investment_rate"],
            fmt.percent(f["investment_rate"].value),
            t(
                "agreements.slide.detail.amount",
                done=fmt.money(f["invested"].value, data.lang),
                promised=fmt.money(f["planned_investment"].value, data.lang),
            ),
        ),
        Headline(
            t("agreements.slide.label.jobs_rate"),
            f["jobs_rate"],
            fmt.percent(f["jobs_rate"].value),
            t(
                "agreements.slide.detail.amount",
                done=fmt.figure_value(f["hired"].value, "people", data.lang),
                promised=fmt.figure_value(f["planned_jobs"].value, "people", data.lang),
            ),
        ),
        Headline(
            t("agreements.slide.label.left"),
            view.funnel["left"],
            fmt.figure_value(view.funnel["left"].value, "agreements", data.lang),
            t(
                "agreements.slide.detail.left",
                stalled=f"{view.stalled_figure.value:,}",
                days=f"{view.stalled_days:,}",
            ),
        ),
    )
    reached, conversion = view.chart_args
    chart = funnel_chart(reached, conversion, view.as_of.date(), data.lang)
    note = t(
        "agreements.slide.note",
        invested=f"{f['invested_companies'].value:,}",
        companies=f"{m:,}",
        rate=fmt.percent(f["company_rate"].value),
    )
    return Slide(
        "agreements",
        title,
        headlines,
        projector_spec(chart, CHART_HEIGHT),
        found,
        as_of_line(found, data.lang),
        note,
    )

"""The slide "부진 사업과 대책" (issue #24): each lagging programme with its rate, its latest 사유 and 대책, and what
is missing ("사유 미입력") or overdue. The lagging list is the overview's (`metrics.overview.attention`)."""

from __future__ import annotations

from loaders.contract import slide_datasets
from metrics import reasons as reasons_metrics
from metrics.as_of import data_as_of
from metrics.figures import given
from metrics.overview import attention
from present import format as fmt
from present import reasons as present
from present.i18n import translate

from .model import BriefingData, Slide, SlideItem
from .registry import slide
from .slides import as_of_line, empty_slide, headline, sources

ITEMS_SHOWN = 3  # with the figures, what fits a 1280×720 slide; the rest are on the budget page


@slide("reasons", order=22)
def reasons_slide(data: BriefingData) -> Slide:
    title = translate("reasons.slide.title", data.lang)
    budget = data.frame("budget")
    if budget is None:
        return empty_slide(
            data, "reasons", title, slide_datasets("reasons", needed=True), slide_datasets("reasons", needed=False)
        )
    as_of = data_as_of("budget", budget, data.versions["budget"].uploaded_on)
    lagging = attention(budget, None, None, as_of, None).lagging
    rows = reasons_metrics.reasons_for(lagging["program"], data.frame("reasons"), as_of, data.today)
    found = sources(data, slide_datasets("reasons"))
    missing, overdue = reasons_metrics.counts(rows)
    headlines = (
        headline(data, translate("reasons.figure.lagging", data.lang), given(len(rows), "count", "figure.lagging")),
        headline(
            data,
            translate("reasons.figure.missing", data.lang, month=fmt.month_label(as_of, data.lang)),
            given(missing, "count", "reasons.missing"),
        ),
        headline(data, translate("reasons.figure.overdue", data.lang), given(overdue, "count", "reasons.overdue")),
    )
    figures = {
        str(p): f"{fmt.percent(r)} ({fmt.points(g, lang=data.lang)})"
        for p, r, g in zip(lagging["program"], lagging["rate"], lagging["gap"], strict=True)
    }
    items = tuple(
        SlideItem(
            f"{item.program} · {item.figure}" if item.figure else item.program,
            tuple(line for line in (item.reason, item.action) if line),
            item.flags,
            item.source,
        )
        for item in present.items(rows.head(ITEMS_SHOWN), data.lang, as_of, figures)
    )
    note = None
    if rows.empty:
        note = translate("reasons.none", data.lang)
    elif len(rows) > ITEMS_SHOWN:
        note = translate("reasons.slide.more", data.lang, count=len(rows) - ITEMS_SHOWN)
    return Slide("reasons", title, headlines, None, found, as_of_line(found, data.lang), note, items=items)

"""What the jobs page draws for one selection and language, made once per data version for every session
(`ui.shared`): the view-model (`present.jobs_view.build_jobs_view`, which the briefing's jobs slide shares), the
Vega-Lite specs of its charts (`present.chart_png.page_spec`) and its tables as shown (`present.shown_table`), so a
rerun neither hashes frames, runs Altair nor converts a table to Arrow."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from charts import jobs as charts
from present import jobs_view as view
from present.chart_png import PageSpec, page_spec
from present.shown_table import shown_frame


@dataclass(frozen=True)
class JobsPage:
    view: view.JobsView  # every table's `shown` filled in
    charts: dict[str, PageSpec]  # cumulative, new_hires, headcount, local_share (when reported), top


def _shown(table: view.JobsTable) -> view.JobsTable:
    return replace(table, shown=shown_frame(table.frame))


def _maybe_shown(table: view.JobsTable | None) -> view.JobsTable | None:
    return None if table is None else _shown(table)


def build_jobs_page(
    jobs: pd.DataFrame,
    targets: pd.DataFrame | None,
    year: int,
    sectors: tuple[str, ...],
    company: str | None,
    lang: str,
) -> JobsPage | None:
    """The jobs page for the selection: `build_jobs_view`'s arguments (None: the selection has no rows in `year`)."""
    v = view.build_jobs_view(jobs, targets, year, sectors, company, lang)
    if v is None:
        return None
    specs = {
        "cumulative": page_spec(charts.cumulative_chart(v.monthly, v.headline.target, year, lang)),
        "new_hires": page_spec(charts.new_hires_chart(v.by_sector, year, lang)),
        "headcount": page_spec(charts.headcount_chart(v.by_sector, year, lang)),
        "top": page_spec(charts.top_employers_chart(v.top, lang)),
    }
    if v.share_by_sector is not None:
        specs["local_share"] = page_spec(
            charts.local_share_chart(v.share_by_sector, v.headline.local.share, year, lang)
        )
    shown = replace(
        v,
        sector_table=_shown(v.sector_table),
        monthly_table=_shown(v.monthly_table),
        company_tables={measure: _shown(table) for measure, table in v.company_tables.items()},
        local_table=_maybe_shown(v.local_table),
        top_table=_shown(v.top_table),
        losses_table=_maybe_shown(v.losses_table),
    )
    return JobsPage(shown, specs)

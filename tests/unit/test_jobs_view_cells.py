"""present/jobs_view.py: every figure cell of the jobs page's tables opens the figure behind it (`cell_figure`),
equal to the cell and traced to rows that add up to it, in both languages and for a chosen sector."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file
from metrics import jobs as m
from metrics.figures import SUM, traced_sum
from present import jobs_view

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    def load(name: str) -> pd.DataFrame:
        return load_file((REPO / "data" / name).read_bytes(), name).frame

    return load("jobs.csv"), load("targets.csv")


def _shown(table: jobs_view.JobsTable, row: int, label: str) -> object:
    frame = table.export if table.export is not None else table.frame
    return frame[label].iloc[row]


@pytest.mark.parametrize(("lang", "sectors"), [("ko", ()), ("en", ()), ("ko", ("헬스케어", "에너지"))])
def test_every_figure_cell_opens_its_figure(frames, lang, sectors):
    jobs, targets = frames
    year = int(jobs["month"].dt.year.max())
    assert set(sectors) <= set(jobs["sector"])
    view = jobs_view.build_jobs_view(jobs, targets, year, sectors, None, lang)
    assert view is not None
    rows = m.filtered(jobs, sectors)
    tables = [view.monthly_table, view.top_table, view.local_table, view.losses_table]
    checked = 0
    for table, measure in [(t, "") for t in tables if t is not None] + [
        (view.company_tables[x], x) for x in jobs_view.MEASURES
    ]:
        for label, column in table.figure_columns.items():
            if label not in table.frame.columns:
                continue
            for row in range(len(table.frame)):
                shown = _shown(table, row, label)
                figure = jobs_view.cell_figure(view, rows, table.key, row, column, measure)
                if pd.isna(shown):
                    assert not figure.value
                    continue
                assert figure.value == shown, (table.key, row, label)
                for part in figure.parts or (figure,):
                    if part.kind == SUM:
                        assert traced_sum(part, jobs) == part.value
                checked += 1
    assert checked > 100


def test_the_slide_and_the_tiles_share_one_local_share(frames):
    jobs, targets = frames
    year = int(jobs["month"].dt.year.max())
    view = jobs_view.build_jobs_view(jobs, targets, year, (), None, "ko")
    assert view is not None
    share = view.headline.local_share
    assert share == m.headline_figures(jobs, year)["local_share"] == m.local_share_of(m.in_year(jobs, year))
    local, new = share.parts
    assert view.tiles[2].value == f"{float(share.value):.1%}"
    assert view.tiles[2].delta == f"신규채용 {new.value:,}명 중 {local.value:,}명"

"""Refunds are data (#22): a negative 집행액 (반납·정정) is accepted with a warning naming its row, and figures are
net of it; a negative 예산액 is still refused, storing nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from loaders.load import load_file
from metrics import budget as m
from tests.support.messy_exports import Grid, write_xlsx


def _file(tmp_path: Path, *rows: tuple) -> bytes:
    g = Grid()
    g.add("(단위: 천원)")
    g.add("연도", "월", "세부사업명", "재원", "예산액", "집행액")
    for row in rows:
        g.add(*row)
    return write_xlsx(tmp_path / "refunds.xlsx", g).read_bytes()


def test_each_refund_is_accepted_with_a_warning_naming_its_row_and_cell(tmp_path: Path):
    data = _file(
        tmp_path,
        (2025, 1, "A", "국비", 1000, 900),
        (2025, 2, "A", "국비", 1000, "-100"),
        (2025, 3, "A", "국비", 1000, "(50)"),
        (2025, 4, "A", "국비", 1000, "△25"),
    )
    result = load_file(data, "refunds.xlsx", dataset="budget")
    assert result.errors == []
    refunds = [w for w in result.warnings if "반납" in w.message]
    assert [(w.row, w.column) for w in refunds] == [(4, "집행액"), (5, "집행액"), (6, "집행액")]
    assert ["-100" in refunds[0].message, "(50)" in refunds[1].message, "△25" in refunds[2].message] == [True] * 3
    assert result.frame["executed_krw"].tolist() == [900_000, -100_000, -50_000, -25_000]


def test_figures_are_net_of_refunds(tmp_path: Path):
    data = _file(tmp_path, (2025, 1, "A", "국비", 1000, 900), (2025, 2, "A", "국비", 1000, "△100"))
    frame = load_file(data, "refunds.xlsx", dataset="budget").frame
    frame["phase"] = 2
    frame["strategy"] = "전략"
    summary = m.summarise(frame, 2025, dt.date(2025, 2, 28))
    assert summary.executed == 800_000
    assert summary.rate == 0.4


def test_a_negative_planned_amount_is_still_refused(tmp_path: Path):
    data = _file(tmp_path, (2025, 1, "A", "국비", "△1000", 900), (2025, 2, "A", "국비", 1000, "-5"))
    result = load_file(data, "refunds.xlsx", dataset="budget")
    assert [(e.row, e.column) for e in result.errors] == [(3, "예산액")]
    assert "음수" in result.errors[0].message
    assert result.frame is None or result.frame.empty

"""The what-changed page's view-model: its sentences and summary tables for one dataset going from one version to
another, in the reader's language. Built once per pair of versions and language for every viewer (the page calls
it through `ctx.shared`); Streamlit-free and picklable."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.what_changed import summarise

from .change_text import render
from .i18n import translate


@dataclass(frozen=True)
class ChangeTable:
    """A summary table: `frame` with data column names, `labels` its headers in the reader's language. With
    `group` (the column naming each row), a click on a number opens its rows in the version it comes from."""

    title: str
    frame: pd.DataFrame
    labels: dict[str, str]
    key: str
    group: str | None = None

    @property
    def signed_columns(self) -> tuple[str, ...]:
        """The differences' headers: shown with their sign."""
        return tuple(label for column, label in self.labels.items() if column.endswith("_difference"))


@dataclass(frozen=True)
class ChangesView:
    sentences: tuple[str, ...]  # plain text from the data: the page escapes it
    tables: tuple[ChangeTable, ...]
    rows: tuple[tuple[str, pd.DataFrame], ...]  # ("추가된 행", the rows) for added, removed and changed rows


def side_label(column: str, lang: str, unit: str = "") -> str:
    """'executed_krw_difference' → '집행액 · 차이 (원)' ("Executed budget, difference (KRW)")."""
    measure, side = column.rsplit("_", 1)
    name = translate("measure." + measure, lang)
    return translate(
        "whatchanged.column",
        lang,
        measure=name[:1].upper() + name[1:],
        side=translate("whatchanged.side." + side, lang),
        unit=unit,
    )


def _tables(summary, lang: str) -> list[ChangeTable]:
    tables = []
    if summary.by_program is not None:
        ordered = summary.by_program.reindex(
            summary.by_program["executed_krw_difference"].abs().sort_values(ascending=False).index
        )
        unit = translate("whatchanged.unit.krw", lang)
        labels = {"program": translate("measure.program", lang)} | {
            c: side_label(c, lang, unit) for c in ordered.columns if c != "program"
        }
        title = translate("whatchanged.table.by_program", lang)
        tables.append(ChangeTable(title, ordered, labels, "changes_by_program", group="program"))
    if summary.by_sector is not None:
        labels = {"sector": translate("measure.sector", lang)} | {
            c: side_label(c, lang) for c in summary.by_sector.columns if c != "sector"
        }
        title = translate("whatchanged.table.by_sector", lang)
        tables.append(ChangeTable(title, summary.by_sector, labels, "changes_by_sector", group="sector"))
    moves = summary.company_moves
    if moves is not None and not moves.empty:
        moves = moves.assign(move=moves["move"].map(lambda m: translate(f"whatchanged.move.{m}", lang)))
        moves = moves.astype({"valuation_before": "Int64", "valuation_after": "Int64"})
        labels = {
            "company": translate("measure.company", lang),
            "move": translate("whatchanged.table.moves", lang),
            "valuation_before": translate("whatchanged.valuation_before", lang),
            "valuation_after": translate("whatchanged.valuation_after", lang),
        }
        tables.append(ChangeTable(translate("whatchanged.table.moves", lang), moves, labels, "changes_moves"))
    return tables


def build_changes_view(dataset: str, before: pd.DataFrame | None, after: pd.DataFrame | None, lang: str) -> ChangesView:
    """What changed in `dataset` from `before` (None: nothing then) to `after`."""
    summary = summarise(dataset, before, after)
    changes = summary.changes
    rows = tuple(
        (f"{translate('whatchanged.table.' + name, lang)} ({len(frame):,})", frame)
        for name, frame in (("added", changes.added), ("removed", changes.removed), ("changed", changes.changed))
        if not frame.empty
    )
    return ChangesView(tuple(render(s, lang) for s in summary.sentences), tuple(_tables(summary, lang)), rows)

"""Sentences of the what-changed summary in the reader's language, numbers formatted as on the pages."""

from __future__ import annotations

from typing import Any

from metrics.what_changed import NAMES_LISTED, Scope, Sentence

from . import format as fmt
from .i18n import translate, value_label


def _amount(value: int | float, unit: str, lang: str, signed: bool = False) -> str:
    if unit == "krw":
        return fmt.figure_value(value, "krw", lang, signed=signed)
    if unit == "area":
        text = f"{value:,.0f}㎡"
        return f"+{text}" if signed and value > 0 else text
    return fmt.figure_value(value, "people", lang, signed=signed)


def _names(names: list[str], lang: str) -> str:
    shown = ", ".join(names[:NAMES_LISTED])
    rest = len(names) - NAMES_LISTED
    return shown + (translate("whatchanged.and_more", lang, count=rest) if rest > 0 else "")


def scope_text(scope: Scope, lang: str = "ko") -> str:
    """What a total adds up, in words: '2020~2026년 전체', '2020년 3월~2026년 11월 전체',
    '2026년 10월 → 2026년 11월' (each version's latest month), '2026. 9. 30. 기준'."""
    if scope.kind == "years":
        if scope.first == scope.last:
            return translate("whatchanged.scope.year", lang, year=scope.first)
        return translate("whatchanged.scope.years", lang, first=scope.first, last=scope.last)
    if scope.kind == "months":
        first, last = (fmt.month_label(m, lang) for m in (scope.first, scope.last))  # type: ignore[arg-type]
        if first == last:
            return translate("whatchanged.scope.month", lang, month=first)
        return translate("whatchanged.scope.months", lang, first=first, last=last)
    if scope.kind in ("latest_month", "latest_date"):
        label = fmt.month_label if scope.kind == "latest_month" else fmt.date_label
        after = label(scope.after, lang)  # type: ignore[arg-type]
        if scope.before is None or scope.before == scope.after:
            return translate("whatchanged.scope.at", lang, at=after)
        before = label(scope.before, lang)  # type: ignore[arg-type]
        return translate(f"whatchanged.scope.{scope.kind}", lang, before=before, after=after)
    return translate("whatchanged.scope.all", lang)


def render(sentence: Sentence, lang: str = "ko") -> str:
    """One sentence as text; company and programme names come from the data and are shown as plain text."""
    v: dict[str, Any] = dict(sentence.values)  # each sentence kind holds its own value types
    key = sentence.key
    if key.startswith("whatchanged.total_"):
        after = _amount(v["after"], v["unit"], lang)
        return translate(
            key,
            lang,
            measure=translate(f"measure.{v['measure']}", lang),
            before=_amount(v["before"], v["unit"], lang),
            after=after,
            ro=fmt.ro(after),
            difference=_amount(abs(v["difference"]), v["unit"], lang),
            scope=scope_text(v["scope"], lang),
        )
    if key == "whatchanged.top_programs":
        items = ", ".join(f"{name} {_amount(d, v['unit'], lang, signed=True)}" for name, d in v["items"])
        return translate(key, lang, measure=translate(f"measure.{v['measure']}", lang), items=items)
    if key.startswith("whatchanged.sector_"):
        items = ", ".join(f"{name} {_amount(d, v['unit'], lang, signed=True)}" for name, d in v["items"])
        return translate(key, lang, items=items)
    if key in ("whatchanged.companies_new", "whatchanged.companies_left", "whatchanged.reasons_new",
               "whatchanged.reasons_changed", "whatchanged.unicorn_up", "whatchanged.unicorn_down"):  # fmt: skip
        floor = fmt.money(v["floor"], lang) if "floor" in v else ""
        return translate(key, lang, count=v["count"], names=_names(v["names"], lang), floor=floor)
    if key in ("whatchanged.selections_new", "whatchanged.selections_removed"):
        items = ", ".join(
            translate(
                "whatchanged.selection_item", lang, company=company, programme=value_label("stage", p, lang), year=y
            )
            for company, p, y in v["items"][:NAMES_LISTED]
        )
        rest = len(v["items"]) - NAMES_LISTED
        if rest > 0:
            items += translate("whatchanged.and_more", lang, count=rest)
        return translate(key, lang, count=v["count"], items=items)
    if key == "whatchanged.agreements_new":
        return translate(key, lang, count=v["count"], names=_names(v["names"], lang))
    if key in ("whatchanged.agreements_moved", "whatchanged.agreements_left"):

        def stage(name: object) -> str:  # None: not in the earlier report (a new agreement)
            return translate("agreements.new_word" if name is None else f"agreement_stage.{name}", lang)

        items = ", ".join(
            f"{name}({stage(before)} → {stage(after)})" for name, before, after in v["items"][:NAMES_LISTED]
        )
        rest = len(v["items"]) - NAMES_LISTED
        if rest > 0:
            items += translate("whatchanged.and_more", lang, count=rest)
        return translate(key, lang, count=v["count"], items=items)
    if key == "whatchanged.agreements_lowered":
        parts = []
        for name, column, before, after, row in v["items"]:
            unit = "krw" if column.endswith("_krw") else "people"
            parts.append(
                translate(
                    "whatchanged.agreements_lowered_item",
                    lang,
                    company=name,
                    measure=translate(f"measure.{column}", lang),
                    before=_amount(before, unit, lang),
                    after=_amount(after, unit, lang),
                    row=row,
                )
            )
        return translate(key, lang, count=v["count"], items=", ".join(parts))
    # Counts (rows added, removed, corrected) with thousands separators, as everywhere else.
    return translate(key, lang, **{k: f"{x:,}" if isinstance(x, int) else x for k, x in v.items()})

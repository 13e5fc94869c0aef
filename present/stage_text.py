"""How a company's K-Unicorn stage is written (issue #35): a selection with its year, the unicorn status, or "never
selected" with, where the data gives a valuation, a labelled estimate band, never a stage name.

"예비유니콘 (2025 선정)", "유니콘 (기업가치 1조원 이상)", "선정 이력 없음 · 기업가치 추정 구간 300억원~1,000억원",
and the gap to the next programme: "아기유니콘 신청까지 누적투자 8억원 부족, 다음 신청 2027년 1~2월".
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.selections import NONE, SELECTION, EntryGap
from present import format as fmt
from present.i18n import translate, value_label
from program import load_program


def _given(value: Any) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def estimate_text(floor: Any, ceiling: Any, lang: str) -> str:
    """ "기업가치 추정 구간 300억원~1,000억원" ("… 300억원 미만" for the lowest band)."""
    if not _given(floor):
        return ""
    if int(floor) == 0:
        return translate("stage.estimate.below", lang, upper=fmt.money(int(ceiling), lang))
    return translate(
        "stage.estimate.band", lang, lower=fmt.money(int(floor), lang), upper=fmt.money(int(ceiling), lang)
    )


def stage_text(row: Any, lang: str, estimate: bool = True) -> str:
    """A `metrics.selections.staged` row's stage as the page writes it: its highest selection with the year, or
    never selected; the unicorn status before it when it holds; `estimate`: the valuation estimate band of a
    company never selected."""
    k = load_program().k_unicorn
    if row["stage_basis"] == SELECTION:
        text = translate(
            "stage.selected", lang, stage=value_label("stage", row["stage"], lang), year=int(row["selected_year"])
        )
    else:
        assert row["stage_basis"] == NONE, row["stage_basis"]
        text = str(value_label("stage", k.never_selected, lang))
        band = estimate_text(row["estimate_floor"], row["estimate_ceiling"], lang) if estimate else ""
        text = f"{text} · {band}" if band else text
    if _given(row["unicorn"]) and bool(row["unicorn"]):
        status = translate(
            "stage.unicorn",
            lang,
            stage=value_label("stage", k.unicorn, lang),
            floor=fmt.money(k.unicorn_floor_krw, lang),
        )
        text = f"{status} · {text}"
    return text


def window_text(gap: EntryGap, lang: str) -> str:
    """ "다음 신청 2027년 1~2월" (or "신청 기간 중 (2027년 1~2월)"; "" when no months are configured)."""
    if gap.window_year is None:
        return ""
    months = gap.window_months
    span = f"{months[0]}" if len(months) == 1 else f"{min(months)}~{max(months)}"
    key = "stage.gap.window_open" if gap.window_open else "stage.gap.window"
    return translate(key, lang, year=gap.window_year, months=span)


def gap_sentence(gap: EntryGap | None, lang: str) -> str:
    """The company profile's line on the next programme: what is short, by how much, and when to apply."""
    if gap is None:
        return ""
    programme = value_label("stage", gap.programme, lang)
    measure = {c.measure: translate(f"stage.measure.{c.measure}", lang) for c in gap.criteria}
    missing = [measure[c.measure] for c in gap.criteria if c.value is None]
    if gap.met:
        met = next(c for c in gap.criteria if c.met)
        head = translate(
            "stage.gap.met",
            lang,
            programme=programme,
            measure=measure[met.measure],
            value=fmt.money(met.value, lang),
            threshold=fmt.money(met.threshold, lang),
        )
    elif gap.known:
        shorts = [
            translate("stage.gap.short_item", lang, measure=measure[c.measure], amount=fmt.money(c.shortfall, lang))
            for c in sorted(gap.known, key=lambda c: -(c.ratio or 0.0))
        ]
        head = translate(
            "stage.gap.short", lang, programme=programme, items=translate("stage.gap.or", lang).join(shorts)
        )
    else:
        head = translate("stage.gap.unknown", lang, programme=programme)
    parts = [head]
    if missing and gap.known and not gap.met:
        parts.append(translate("stage.gap.missing", lang, measures=", ".join(missing)))
    window = window_text(gap, lang)
    if window:
        parts.append(window)
    return ", ".join(parts)

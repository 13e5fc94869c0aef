"""The words of the seasonal pace and the year-end projection, written once for the budget page, the overview,
the briefing slide and the PDF pack: "연말 예상 집행률 88.9% (범위 86.1~91.4%)" and where the pace comes from."""

from __future__ import annotations

from fractions import Fraction

from metrics.pace import Profile
from present import format as fmt
from present.i18n import translate


def rate_range(low: float | None, high: float | None) -> str | None:
    """ "86.1~91.4%" (None without a range)."""
    if low is None or high is None:
        return None
    return f"{fmt.percent(low).removesuffix('%')}~{fmt.percent(high)}"


def projected_sentence(point: float | None, low: float | None, high: float | None, lang: str) -> str:
    """ "연말 예상 집행률 88.9% (범위 86.1~91.4%)" / "projected 88.9% (range 86.1–91.4%)"."""
    span = rate_range(low, high)
    if span is None:
        return translate("pace.projected_sentence.no_range", lang, point=fmt.percent(point))
    low_text, high_text = span.split("~")
    return translate("pace.projected_sentence", lang, point=fmt.percent(point), low=low_text, high=high_text)


def basis_lines(profile: Profile, months: Fraction | float, minimum: int, lang: str) -> list[str]:
    """Where the expected pace comes from, in one line (and the years left out, when any)."""
    if profile.learned:
        first, last = min(profile.year_numbers), max(profile.year_numbers)
        years = translate("pace.years", lang, first=first, last=last, count=len(profile.years))
        whole = int(months) if float(months).is_integer() else None
        if whole:
            month = f"{whole}월 말" if lang == "ko" else f"end of month {whole}"
        else:
            month = f"{float(months):.1f}개월" if lang == "ko" else f"{float(months):.1f} months"
        lines = [
            translate(
                "pace.basis.learned",
                lang,
                level=translate(f"pace.level.{profile.level}", lang),
                years=years,
                month=month,
                share=fmt.percent(float(profile.share_at(months))),
                final=fmt.percent(float(profile.final_rate)),
            )
        ]
    elif profile.level == "plan":
        why = translate("pace.basis.plan.no_history", lang) if not profile.years else ""
        lines = [translate("pace.basis.plan", lang, why=why)]
    else:
        lines = [translate("pace.basis.straight", lang, minimum=minimum)]
    if profile.left_out:
        named = ", ".join(translate(f"pace.left_out.{reason}", lang, year=year) for year, reason in profile.left_out)
        lines.append(translate("pace.left_out", lang, years=named))
    return lines

"""The message catalogue and the Korean/English number and date formats."""

import datetime as dt
import string

import pytest

from present import format as fmt
from present.i18n import catalogue, translate

FIELDS = string.Formatter()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(text) if name}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_message_exists_in_both_languages(key):
    korean, english = catalogue()[key]
    assert korean.strip() and english.strip()
    values = dict.fromkeys(_fields(korean) | _fields(english), "x")
    assert translate(key, "ko", **values) and translate(key, "en", **values)


def test_translate_fills_placeholders():
    assert (
        translate("overview.budget_year", "ko", year=2026, month=11, month_name="November")
        == "2026년 예산 (11월까지 집행)"
    )
    assert (
        translate("overview.budget_year", "en", year=2026, month=11, month_name="November")
        == "2026 budget (executed through November)"
    )


@pytest.mark.parametrize(
    ("krw", "korean", "english"),
    [
        (161_937_000_000, "1,619.4억원", "KRW 161.9 bn"),
        (1_204_700_000_000, "1.2조원", "KRW 1,204.7 bn"),
        (95_000_000, "9,500만원", "KRW 95 m"),
        (5_000, "5,000원", "KRW 5,000"),
        (0, "0원", "KRW 0"),
        (15_000_000, "1,500만원", "KRW 15 m"),
        (123_456_789_012_345_678, "123,456.79조원", "KRW 123,456,789 bn"),
    ],
)
def test_money_short(krw, korean, english):
    assert fmt.money(krw) == korean
    assert fmt.money(krw, "en") == english


def test_money_rounds_half_up_on_exact_won():
    assert fmt.money(12_345_000_000) == "123.5억원"  # 123.45 → 123.5, not banker's 123.4
    assert fmt.money(12_344_999_999) == "123.4억원"


def test_money_exact_keeps_every_won():
    assert fmt.money_exact(107_930_990_001) == "107,930,990,001원"
    assert fmt.money_exact(2**60) == f"{2**60:,}원"


def test_percent_and_points():
    assert fmt.percent(0.75925) == "75.9%"
    assert fmt.percent(0.0005) == "0.1%"
    assert fmt.points(0.0325) == "+3.3%p"
    assert fmt.points(-0.1, lang="en") == "-10.0 pp"


def test_dates_as_koreans_write_them():
    assert fmt.date_label(dt.date(2025, 9, 30)) == "2025. 9. 30."
    assert fmt.month_label(dt.date(2025, 3, 1)) == "2025년 3월"
    assert fmt.quarter_label(dt.date(2025, 9, 30)) == "2025년 3분기"
    assert fmt.datetime_label(dt.datetime(2026, 11, 25, 15, 30)) == "2026. 11. 26. 00:30"  # UTC → KST


def test_signed_changes():
    assert fmt.figure_value(83, "people", signed=True) == "+83명"
    assert fmt.figure_value(-2, "companies", signed=True) == "-2개사"
    assert fmt.figure_value(10_940_000_000, "krw", signed=True) == "+109.4억원"


def test_measured_rates_keep_their_decimal_and_set_targets_do_not():
    assert [fmt.percent(r) for r in (0.81, 0.796, 1.0)] == ["81.0%", "79.6%", "100.0%"]  # they line up in a column
    assert fmt.percent(0.9, trim=True) == "90%" and fmt.percent(0.925, trim=True) == "92.5%"
    assert fmt.points(0.0, lang="ko") == "0.0%p"


def test_english_counts_agree_in_number_and_tiles_leave_the_noun_to_their_label():
    assert fmt.count(1, "companies", "en") == "1 company" and fmt.count(40, "companies", "en") == "40 companies"
    assert fmt.count(1, "people", "en") == "1 person" and fmt.count(1, "개사", "ko") == "1개사"
    assert fmt.figure_value(40, "companies", "en", tile=True) == "40"
    assert fmt.figure_value(3, "people", "en", signed=True, tile=True) == "+3"
    assert fmt.figure_value(40, "companies", "ko", tile=True) == "40개사"


def test_the_particle_after_a_figure_is_the_one_korean_reads():
    assert [fmt.ro(w) for w in ("1,235.3억원", "878명", "76.3%", "1.21조원")] == ["으로", "으로", "로", "으로"]
    assert [fmt.ro(n) for n in (1, 2, 3, 6, 7, 10, 20, 12)] == ["로", "로", "으로", "으로", "로", "으로", "으로", "로"]
    assert fmt.ro("서울") == "로" and fmt.ro("사과") == "로"


def test_configured_names_in_the_readers_language():
    from present.i18n import phase_label, value_label

    assert phase_label(1, "1단계", "ko") == "1단계" and phase_label(3, "3단계", "en") == "Phase 3"
    assert value_label("stage", "예비유니콘", "en") == "Pre-unicorn"
    assert value_label("event_kind", "시상", "en") == "시상"  # a value the catalogue does not know: as written
    assert value_label("event_kind", None, "en") is None  # missing stays missing

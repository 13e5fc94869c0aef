"""metrics.ordering: configured order first, then the values the configuration does not know."""

import math

import pandas as pd
import pytest

from metrics.ordering import configured_order, positions

CONFIGURED = ["AI", "모빌리티", "에너지", "헬스케어"]


def test_configured_values_keep_configured_order_whatever_order_they_come_in():
    assert configured_order(["헬스케어", "AI", "에너지", "AI"], CONFIGURED) == ["AI", "에너지", "헬스케어"]


def test_unknown_values_come_after_sorted_by_default():
    assert configured_order(["콘텐츠", "AI", "기타", "바이오", "모빌리티"], CONFIGURED) == [
        "AI",
        "모빌리티",
        "기타",
        "바이오",
        "콘텐츠",
    ]


def test_unknown_values_after_in_the_order_first_seen():
    assert configured_order(["콘텐츠", "AI", "기타", "콘텐츠", "바이오"], CONFIGURED, rest="seen") == [
        "AI",
        "콘텐츠",
        "기타",
        "바이오",
    ]


def test_absent_configured_values_left_out_unless_kept():
    assert configured_order(["민자"], ["국비", "시비"]) == ["민자"]
    assert configured_order(["민자", "시비"], ["국비", "시비"], keep_configured=True) == ["국비", "시비", "민자"]


def test_missing_values_are_left_out():
    values = pd.Series(["AI", None, math.nan, pd.NA, "기타", "AI"], dtype=object)
    assert configured_order(values, CONFIGURED) == ["AI", "기타"]
    assert configured_order([None, math.nan], CONFIGURED) == []
    assert configured_order([], CONFIGURED, keep_configured=True) == CONFIGURED


def test_works_on_a_series_and_an_index():
    assert configured_order(pd.Series(["에너지", "AI"]), CONFIGURED) == ["AI", "에너지"]
    assert configured_order(pd.Index(["x", "AI"]), iter(CONFIGURED)) == ["AI", "x"]


def test_unknown_rest_mode_is_refused():
    with pytest.raises(ValueError):
        configured_order(["AI"], CONFIGURED, rest="random")


def test_positions_is_a_sort_key():
    frame = pd.DataFrame({"sector": ["기타", "에너지", "AI"]})
    order = configured_order(frame["sector"], CONFIGURED)
    assert frame.sort_values("sector", key=lambda c: c.map(positions(order)))["sector"].tolist() == [
        "AI",
        "에너지",
        "기타",
    ]

"""ui.format helpers the pages used to write inline: counts and money of frame cells, tile changes, count targets,
억원 with one decimal."""

import math

import pandas as pd
import pytest

from present import format as fmt


@pytest.mark.parametrize("value", [None, math.nan, pd.NA])
def test_missing_cells_are_a_dash(value):
    assert fmt.count_cell(value, "명") == "–"
    assert fmt.money_cell(value) == "–"


def test_count_and_money_cells():
    assert fmt.count_cell(pd.array([1234], dtype="Int64")[0], "명") == "1,234명"
    assert fmt.count_cell(1.0, "people", "en") == "1 person"
    assert fmt.money_cell(pd.Series([661 * 10**8], dtype="Int64").iloc[0]) == "661억원"
    assert fmt.money_cell(1_210_000_000_000) == fmt.money(1_210_000_000_000)


def test_count_change():
    assert fmt.count_change(None, "명") is None
    assert fmt.count_change(0, "명") == 0  # st.metric shows a zero change without an arrow
    assert fmt.count_change(3, "명") == "+3명"
    assert fmt.count_change(-1204, "개사") == "-1,204개사"
    assert fmt.count_change(1204, "", "en") == "+1,204"
    assert fmt.count_change(-2, "개사", "en") == "-2"


def test_target_count():
    assert fmt.target_count(940.0, "명") == "940명"
    assert fmt.target_count(1940.0, "명", "en") == "1,940"
    assert fmt.target_count(12.5, "명") == "12.5명"


@pytest.mark.parametrize("krw, text", [
    (661 * 10**8, "661"), (5 * 10**7, "0.5"), (815_000_000_000, "8,150"), (4_999_999, "0"), (5_000_000, "0.1"),
    (123_456_789_012, "1,234.6"), (-150_000_000, "-1.5"),
])  # fmt: skip
def test_eok_text_is_half_up_to_one_decimal(krw, text):
    assert fmt.eok_text(krw) == text

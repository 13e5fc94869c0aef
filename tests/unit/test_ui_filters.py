"""ui.filters: parsing and serialising the URL's filter parameters (the pure parts)."""

from __future__ import annotations

import pytest

from ui.filters import FILTERS, FilterSpec, clean, join_list, parse_param, serialise, split_list

YEAR, PROGRAM, STRATEGY = FILTERS["year"], FILTERS["program"], FILTERS["strategy"]


def test_single_values():
    assert parse_param("2025", YEAR) == 2025
    assert parse_param(" 2025 ", YEAR) == 2025
    assert parse_param("2025년", YEAR) is None  # unreadable: ignored, not an error
    assert parse_param(None, YEAR) is None
    assert parse_param(["2024", "2025"], YEAR) == 2025  # a repeated parameter: the last readable value
    assert parse_param(["2024", "x"], YEAR) == 2024
    assert parse_param("핵심 기업 육성", STRATEGY) == "핵심 기업 육성"
    assert parse_param("", STRATEGY) is None


def test_lists_are_comma_separated():
    assert parse_param("국비,시비", FILTERS["source"]) == ["국비", "시비"]
    assert parse_param("국비, 시비 ,,국비", FILTERS["source"]) == [
        "국비",
        "시비",
    ]  # trimmed, empties and repeats dropped
    assert parse_param(["국비", "민자,시비"], FILTERS["source"]) == ["국비", "민자", "시비"]  # repeated parameters too
    assert parse_param(None, PROGRAM) == []
    assert parse_param("", PROGRAM) == []
    assert parse_param("1,x,2", FilterSpec("n", int, multi=True)) == [1, 2]


def test_serialise_round_trips():
    for value in (["AI 데이터 플랫폼", "창업 보육"], ["R&D, 실증", "a\\b"], ["=1+1"]):
        text = serialise(value, PROGRAM)
        assert parse_param(text, PROGRAM) == value
    assert serialise(["국비", "시비"], FILTERS["source"]) == "국비,시비"
    assert serialise([], PROGRAM) is None  # no filter: the parameter is left out
    assert serialise(2025, YEAR) == "2025"
    assert serialise(None, STRATEGY) is None


def test_commas_inside_values_are_escaped():
    assert join_list(["a,b", "c"]) == "a\\,b,c"
    assert split_list("a\\,b,c") == ["a,b", "c"]
    assert split_list("a\\\\,b") == ["a\\", "b"]
    assert split_list("a\\b") == ["a\\b"]  # a lone backslash stays


@pytest.mark.parametrize(
    "value,options,spec,expected",
    [
        (2031, [2025, 2026], YEAR, None),
        (2025, [2025, 2026], YEAR, 2025),
        (["b", "zz", "a"], ["a", "b"], PROGRAM, ["b", "a"]),
        (None, ["a"], PROGRAM, []),
    ],
)
def test_clean_keeps_known_values(value, options, spec, expected):
    assert clean(value, options, spec) == expected

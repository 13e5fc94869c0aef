"""One company, one key (metrics/company_key.py): 사업자등록번호 first, else the normalised name and aliases."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.company_key import CompanyKeys, company_keys, normalise_name, normalised_aliases, registration_number
from program import load_program


@pytest.mark.parametrize(
    "written",
    [
        "예시에이아이",
        "㈜예시에이아이",
        "(주)예시에이아이",
        "( 주 ) 예시에이아이",
        "주식회사 예시에이아이",
        "예시에이아이 주식회사",
        "예시 에이아이",
        "예시에이아이(주)",
        "\u3000예시에이아이 ",
        "（주）예시에이아이",
    ],
)
def test_every_way_of_writing_the_legal_form_gives_one_name(written):
    assert normalise_name(written) == "예시에이아이"


def test_latin_names_ignore_case_and_missing_names_are_empty():
    assert normalise_name("GIST AI Lab") == normalise_name("gist ai lab") == "gistailab"
    assert normalise_name(None) == normalise_name(float("nan")) == normalise_name("  ") == ""


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("123-45-67890", "1234567890"),
        (1234567890, "1234567890"),
        (1234567890.0, "1234567890"),
        ("123 45 67890", "1234567890"),
        ("12-345-678", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_registration_numbers_are_ten_digits_however_written(written, digits):
    assert registration_number(written) == digits


def test_the_number_wins_over_the_name():
    keys = CompanyKeys()
    assert keys.key("예시에이아이", "123-45-67890") == "brn:1234567890"
    assert keys.key("전혀 다른 이름", "1234567890") == "brn:1234567890"  # same number, same company
    assert keys.key("㈜예시에이아이") == "name:예시에이아이"
    assert keys.key("", None) == ""


def test_a_name_only_row_joins_the_number_learnt_from_another_dataset():
    agreements = pd.DataFrame(
        {"company": ["주식회사 예시에이아이", "무등로보틱스"], "registration_no": ["123-45-67890", None]}
    )
    jobs = pd.DataFrame({"company": ["(주)예시 에이아이", "무등로보틱스", "새기업"]})
    keys = company_keys(agreements, jobs)
    assert keys.key_column(jobs).tolist() == ["brn:1234567890", "name:무등로보틱스", "name:새기업"]
    assert keys.key_column(agreements).tolist() == ["brn:1234567890", "name:무등로보틱스"]
    assert keys.key_column(jobs).index.tolist() == [0, 1, 2]


def test_a_renamed_company_keeps_its_key_through_the_alias_table():
    keys = CompanyKeys({"㈜옛이름": "중간이름", "중간이름": "새이름 주식회사"})
    assert keys.key("옛이름") == keys.key("중간이름") == keys.key("(주)새이름") == "name:새이름"
    assert keys.canonical_name("옛 이름") == "새이름"


def test_an_alias_learnt_with_a_number_carries_the_old_name_to_it():
    keys = CompanyKeys({"옛이름": "새이름"})
    keys.learn("새이름", "1234567890")
    assert keys.key("옛이름") == "brn:1234567890"


def test_a_circle_of_aliases_is_refused():
    with pytest.raises(ValueError, match="circle"):
        normalised_aliases({"가": "나", "나": "가"})
    assert normalised_aliases({"(주)가": "가"}) == {}  # the same company written two ways is no rename


def test_aliases_come_from_program_toml():
    program = load_program()
    assert program.company_aliases == {"첨단오토모티브": "첨단오토랩"}
    assert CompanyKeys(program.company_aliases).key("첨단오토모티브") == "name:첨단오토랩"


def test_a_dataset_naming_the_number_business_number_joins_as_well():
    selections = pd.DataFrame({"company": ["예시에이아이"], "business_number": ["123-45-67890"]})
    agreements = pd.DataFrame({"company": ["㈜예시에이아이"]})
    keys = company_keys(selections)
    assert keys.key_column(agreements).tolist() == ["brn:1234567890"]
    assert keys.key_column(selections, number_column="registration_no").tolist() == ["brn:1234567890"]

"""The documentation keeps up with the registries it describes."""

from pathlib import Path

import pytest

from loaders.contract import DATASETS

CONTRACT_DOC = Path(__file__).parents[2] / "docs" / "data-contract.md"


@pytest.mark.parametrize("dataset", DATASETS.values(), ids=lambda d: d.name)
def test_every_column_and_alias_is_documented(dataset):
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    assert f"`{dataset.name}` — {dataset.label}" in text
    for column in dataset.columns:
        assert f"`{column.name}`" in text
        for alias in column.aliases:
            assert alias in text, f"{dataset.name}.{column.name}: alias {alias!r} missing from the contract doc"


def test_published_table_forms_and_derived_columns_are_documented():
    from loaders.contract import DERIVED, HEADER_PREFIXES, HEADER_SUFFIXES

    text = CONTRACT_DOC.read_text(encoding="utf-8")
    section = text[text.index("## 발표된 집행표의 머리글") : text.index("## 데이터별 열")]
    for word in (*HEADER_SUFFIXES, *HEADER_PREFIXES, "(A)", "(B)", "(A-B)", "(B/A)"):
        assert f"`{word}`" in section, word
    for dataset, columns in DERIVED.items():
        for column in columns:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{column.name}` {column.label} |"))
            assert row.split("|")[3].strip() == ", ".join(column.aliases), (dataset, column.name)


def test_every_columns_data_class_is_documented():
    """The contract doc's 자료 등급 table says what program.toml's [data_classes] says, column by column."""
    from loaders.data_classes import data_classes

    classes = data_classes()
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    section = text[text.index("## 자료 등급과 개인정보") : text.index("## 기간과 가져오기")]
    assert f"| 데이터 | {' | '.join(classes.levels)} |" in section
    for name, dataset in DATASETS.items():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
        cells = [cell.strip() for cell in row.split("|")[2:-1]]
        for level, cell in zip(classes.levels, cells, strict=True):
            expected = [f"`{c.name}`" for c in dataset.columns if classes.of_column(name, c.name) == level]
            assert cell == (", ".join(expected) or "–"), (name, level)

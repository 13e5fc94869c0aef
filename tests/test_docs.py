"""The documentation keeps up with the registries it describes."""

from pathlib import Path

import pytest

from loaders.contract import DATASETS

CONTRACT_DOC = Path(__file__).parents[1] / "docs" / "data-contract.md"


@pytest.mark.parametrize("dataset", DATASETS.values(), ids=lambda d: d.name)
def test_every_column_and_alias_is_documented(dataset):
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    assert f"`{dataset.name}` — {dataset.label}" in text
    for column in dataset.columns:
        assert f"`{column.name}`" in text
        for alias in column.aliases:
            assert alias in text, f"{dataset.name}.{column.name}: alias {alias!r} missing from the contract doc"

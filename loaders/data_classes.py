"""자료 등급 (data classes): how secret each column of the data contract is, in the city's own words.

`[data_classes]` of program.toml names the levels, lowest first (e.g. 공개 < 내부 < 대외비), and gives each dataset a
class for its columns ("*") with exceptions by canonical column name. Every column of every dataset resolves to one
level; a level, dataset or column the contract does not know is refused when the settings are read, so a typo can
never leave a column unclassified. An export or the briefing PDF is marked with the highest class of what it holds
(`highest`), written as `marking(level)`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from program import PROGRAM_FILE

from .contract import DATASETS

EVERY_COLUMN = "*"


@dataclass(frozen=True)
class DataClasses:
    levels: tuple[str, ...]  # lowest first
    columns: dict[tuple[str, str], str]  # (dataset, column) → level

    def of_column(self, dataset: str, column: str) -> str:
        return self.columns[(dataset, column)]

    def of_dataset(self, dataset: str, columns: Iterable[str] | None = None) -> str:
        """The highest class among `columns` of `dataset` (default: all of them)."""
        names = [c.name for c in DATASETS[dataset].columns] if columns is None else list(columns)
        return self.highest(self.of_column(dataset, name) for name in names)

    def of(self, contents: Iterable[str]) -> str:
        """The highest class of `contents`: each "dataset" (all its columns) or "dataset.column"."""
        levels = []
        for item in contents:
            dataset, _, column = item.partition(".")
            levels.append(self.of_column(dataset, column) if column else self.of_dataset(dataset))
        return self.highest(levels)

    def highest(self, levels: Iterable[str]) -> str:
        """The highest of `levels`; the lowest level when there are none."""
        return max(levels, key=self.levels.index, default=self.levels[0])

    def is_lowest(self, level: str) -> bool:
        return level == self.levels[0]


def parse_data_classes(raw: dict) -> DataClasses:
    """`[data_classes]` (a parsed TOML table) checked against the contract; ValueError names what is wrong."""
    levels = tuple(str(level) for level in raw.get("levels", ()))
    if len(levels) < 2 or len(set(levels)) != len(levels):
        raise ValueError(
            "data_classes.levels: 둘 이상의 서로 다른 등급을 낮은 것부터 적어 주세요 (예: 공개, 내부, 대외비)"
        )
    configured = raw.get("columns", {})
    unknown = sorted(set(configured) - set(DATASETS))
    if unknown:
        raise ValueError(f"data_classes.columns: 데이터 계약에 없는 데이터입니다: {', '.join(unknown)}")
    columns: dict[tuple[str, str], str] = {}
    for name, dataset in DATASETS.items():
        given = {str(k): str(v) for k, v in configured.get(name, {}).items()}
        names = {c.name for c in dataset.columns}
        strays = sorted(set(given) - names - {EVERY_COLUMN})
        if strays:
            raise ValueError(f"data_classes.columns.{name}: 데이터 계약에 없는 열입니다: {', '.join(strays)}")
        wrong = sorted(f"{k} = {v!r}" for k, v in given.items() if v not in levels)
        if wrong:
            raise ValueError(f"data_classes.columns.{name}: {', '.join(wrong)}; 등급은 {', '.join(levels)} 중 하나")
        for column in dataset.columns:
            level = given.get(column.name, given.get(EVERY_COLUMN))
            if level is None:
                raise ValueError(
                    f"data_classes.columns.{name}: '{column.name}' 열의 등급이 없습니다 (\"*\"로 기본 등급을 적어 주세요)"
                )
            columns[(name, column.name)] = level
    return DataClasses(levels, columns)


@cache
def data_classes(path: Path = PROGRAM_FILE) -> DataClasses:
    """The configured classes (program.toml), read once."""
    return parse_data_classes(tomllib.loads(path.read_text(encoding="utf-8")).get("data_classes", {}))


def marking(level: str, lang: str = "ko") -> str:
    """The line an export or a PDF page carries: "자료 등급: 대외비"."""
    return f"자료 등급: {level}" if lang == "ko" else f"Data class: {level}"

"""Investment agreements as the city writes them, normalised: 진행 상황 to a stage, 구분 and 확인 방법 to their
canonical words, and the stage moved up by the milestone dates the row gives.

진행 상황 is free text ("협약 체결", "입주 완료", "미이행", "협약 해지", …): each word is matched, without spaces or
punctuation, against the stage names and `[agreements.status_aliases]` of program.toml. A word matching nothing
refuses the file with its row and the words that are known. A milestone date on or before the 기준일 (법인 설립일,
입주일, 가동일) puts the agreement at least on that stage; a 지사·연구소 never passes through 법인 설립, so its
법인 설립 (by date or by word) does not move it. An exit (철수, 해지) is kept whatever the dates say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import pandas as pd

from program import AgreementSettings

from .contract import AGREEMENT_CHECKS, AGREEMENT_EXITS, AGREEMENT_KINDS, AGREEMENT_STAGES
from .problems import Problem

BRANCH = "지사·연구소"
INCORPORATED = "법인 설립"
# Milestone date column → the stage its date proves, highest first.
MILESTONES = (("operating", "가동"), ("moved_in", "입주"), ("incorporated", INCORPORATED))
_NOISE = re.compile(r"[\s·.,/()\[\]\-_:]+")


def word_key(text: object) -> str:
    """A word as matched: NFKC, no spaces or punctuation, lower case ("협약 체결" = "협약체결" = "협약-체결")."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(text))).casefold()


def vocabulary(canonical: tuple[str, ...], aliases: Mapping[str, str]) -> dict[str, str]:
    """word key → canonical word: every canonical word itself, then the aliases."""
    known = {word_key(word): word for word in canonical}
    for alias, word in aliases.items():
        known.setdefault(word_key(alias), word)
    return known


def known_words(canonical: tuple[str, ...], aliases: Mapping[str, str]) -> str:
    """The words a column accepts, for a refusal message: "협약, 법인 설립, …, 협약 체결, 미이행, …"."""
    return ", ".join(dict.fromkeys((*canonical, *aliases)))


def stage_rank(stage: str) -> int:
    return AGREEMENT_STAGES.index(stage)


def normalise_agreements(
    frame: pd.DataFrame, headers: dict[str, str], settings: AgreementSettings
) -> tuple[pd.DataFrame, list[Problem], list[Problem], set[tuple[int, str]]]:
    """The frame with 진행 상황, 구분 and 확인 방법 in canonical words and the stage set by the dates.

    Returns (frame, errors, warnings, the (row, column) cells already reported so validation does not repeat them).
    `frame` is indexed by Excel row; `headers` maps canonical names to the headers as written."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    reported: set[tuple[int, str]] = set()
    columns = {
        "status": (AGREEMENT_STAGES + AGREEMENT_EXITS, settings.status_aliases),
        "kind": (AGREEMENT_KINDS, settings.kind_aliases),
        "verification": (AGREEMENT_CHECKS, settings.check_aliases),
    }
    updates: dict[str, pd.Series] = {}
    for name, (canonical, aliases) in columns.items():
        if name not in frame.columns:
            continue
        known = vocabulary(canonical, aliases)
        label = headers.get(name, name)
        values: list[str | None] = []
        row: Any  # the frame's index: Excel rows
        for row, written in frame[name].items():
            if written is None or (isinstance(written, float) and pd.isna(written)):
                values.append(None)
                continue
            word = known.get(word_key(written))
            if word is None:
                errors.append(
                    Problem(
                        f"'{written}'은(는) 알 수 없는 {_label(name)}입니다. 쓸 수 있는 말: {known_words(canonical, aliases)} "
                        "(다른 말은 program.toml [agreements]에 더할 수 있습니다)",
                        int(row),
                        label,
                    )
                )
                reported.add((int(row), name))
            values.append(word)
        updates[name] = pd.Series(values, index=frame.index, dtype=object)
    if "kind" not in frame.columns:  # an optional 구분 left out: every agreement is 기타
        updates["kind"] = pd.Series(["기타"] * len(frame), index=frame.index, dtype=object)
    frame = frame.assign(**updates)
    if "status" in frame.columns and "as_of" in frame.columns:
        stages = [
            _stage(frame, row, headers, warnings) if isinstance(frame.at[row, "status"], str) else None
            for row in frame.index
        ]
        frame = frame.assign(status=pd.Series(stages, index=frame.index, dtype=object))
    return frame, errors, warnings, reported


def _label(name: str) -> str:
    return {"status": "진행 상황", "kind": "구분", "verification": "확인 방법"}[name]


def _stage(frame: pd.DataFrame, row: int, headers: dict[str, str], warnings: list[Problem]) -> str:
    """One agreement's stage: its word, moved up by the milestone dates reached by the 기준일."""
    word = str(frame.at[row, "status"])
    if word in AGREEMENT_EXITS:
        return word
    as_of: Any = frame.at[row, "as_of"]
    branch = frame.at[row, "kind"] == BRANCH
    stage = word
    if branch and stage == INCORPORATED:
        stage = AGREEMENT_STAGES[0]
        warnings.append(
            Problem(
                "지사·연구소는 법인 설립 단계를 거치지 않으므로 협약 단계로 봅니다.", int(row), headers.get("status")
            )
        )
    for column, reached in MILESTONES:
        if column not in frame.columns or (branch and reached == INCORPORATED):
            continue
        date: Any = frame.at[row, column]  # a Timestamp or NaT
        if pd.isna(date) or pd.isna(as_of) or pd.Timestamp(date) > pd.Timestamp(as_of):
            continue
        if stage_rank(reached) > stage_rank(stage):
            stage = reached
        break
    return stage

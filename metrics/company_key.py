"""One company, one key: how agreements, selections, companies and jobs rows of the same company are joined.

A row's company is keyed on its 사업자등록번호 where the row gives one (ten digits, however written), else on its
name normalised: Unicode-compatible forms folded (㈜ → (주)), the legal form dropped (주식회사, (주), 유한회사, …),
spaces and case ignored; and a renamed company's old name mapped to its current one through the alias table
(`[company_aliases]` in program.toml: old name = current name, both written as people write them).

A name-only row and a row with a number join when any dataset has shown that name with that number: build one
`CompanyKeys` from every dataset's (name, number) pairs (`learn`), then key each row (`key`, `key_column`).

Keys are opaque strings ("brn:1234567890", "name:예시에이아이"); show the company's name, never its key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import pandas as pd

REGISTRATION_PREFIX = "brn:"
NAME_PREFIX = "name:"
REGISTRATION_DIGITS = 10
# The column names a dataset may give the 사업자등록번호 under: a frame without the one asked for is read under the
# other, so every dataset joins whichever name its contract uses.
NUMBER_COLUMNS = ("registration_no", "business_number")

# Legal forms written before or after a company's name. Longest first, so "주식회사" goes before "(주)"'s letters.
LEGAL_FORMS = (
    "주식회사",
    "유한책임회사",
    "유한회사",
    "합자회사",
    "합명회사",
    "사단법인",
    "재단법인",
    "(주)",
    "(유)",
    "(사)",
    "(재)",
    "(합)",
    "주)",
)
_SPACES = re.compile(r"\s+")


def normalise_name(name: object) -> str:
    """A company name as the key compares it: "㈜ 예시 에이아이" and "예시에이아이 주식회사" → "예시에이아이".

    Empty for a missing or blank name."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    text = unicodedata.normalize("NFKC", str(name))  # ㈜ → (주), full-width letters and brackets → ASCII
    text = _SPACES.sub("", text)
    for form in LEGAL_FORMS:
        text = text.replace(form, "")
    return text.casefold()


def registration_number(value: object) -> str | None:
    """The ten digits of a 사업자등록번호 ("123-45-67890", 1234567890, "123 45 67890"), or None when the value is
    missing or is not ten digits (then the row is keyed on its name)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell read as 1234567890.0
    digits = re.sub(r"\D", "", str(value))
    return digits if len(digits) == REGISTRATION_DIGITS else None


def normalised_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    """The alias table with both sides normalised; a chain (A → B, B → C) resolved to its end (A → C).

    Raises ValueError on a cycle (A → B, B → A): no current name could be chosen."""
    table = {normalise_name(old): normalise_name(new) for old, new in aliases.items()}
    table = {old: new for old, new in table.items() if old and new and old != new}
    resolved: dict[str, str] = {}
    for old in table:
        seen = [old]
        current = table[old]
        while current in table:
            if current in seen:
                raise ValueError(f"company_aliases: {' → '.join([*seen, current])} goes round in a circle")
            seen.append(current)
            current = table[current]
        resolved[old] = current
    return resolved


class CompanyKeys:
    """Keys companies across datasets. `aliases`: old name → current name (program.toml `[company_aliases]`)."""

    def __init__(self, aliases: Mapping[str, str] | None = None) -> None:
        self._aliases = normalised_aliases(aliases or {})
        self._number_of_name: dict[str, str] = {}

    def canonical_name(self, name: object) -> str:
        """The normalised current name (after the alias table)."""
        normalised = normalise_name(name)
        return self._aliases.get(normalised, normalised)

    def learn(self, name: object, registration: object = None) -> None:
        """Remember that `name` is the company with this 사업자등록번호, so name-only rows join it.

        A name seen with two numbers keeps the first (two companies may share a name; the number decides)."""
        number = registration_number(registration)
        canonical = self.canonical_name(name)
        if number and canonical:
            self._number_of_name.setdefault(canonical, number)

    def learn_frame(
        self, frame: pd.DataFrame, name_column: str = "company", number_column: str = "registration_no"
    ) -> None:
        """`learn` every row of a frame that has both a name and a number."""
        found = _number_column(frame, number_column)
        if found is None or name_column not in frame.columns:
            return
        for name, number in zip(frame[name_column], frame[found], strict=True):
            self.learn(name, number)

    def key(self, name: object, registration: object = None) -> str:
        """The company's key: its 사업자등록번호 when given (or learnt for its name), else its canonical name.
        Empty for a row with neither."""
        number = registration_number(registration)
        if number:
            return REGISTRATION_PREFIX + number
        canonical = self.canonical_name(name)
        if not canonical:
            return ""
        learnt = self._number_of_name.get(canonical)
        return REGISTRATION_PREFIX + learnt if learnt else NAME_PREFIX + canonical

    def key_column(
        self, frame: pd.DataFrame, name_column: str = "company", number_column: str = "registration_no"
    ) -> pd.Series:
        """The key of each row of `frame` (index kept); a frame without the number column keys on names."""
        found = _number_column(frame, number_column)
        numbers: Iterable[object] = frame[found] if found is not None else [None] * len(frame)
        keys = [self.key(name, number) for name, number in zip(frame[name_column], numbers, strict=True)]
        return pd.Series(keys, index=frame.index, dtype=object, name="company_key")


def _number_column(frame: pd.DataFrame, wanted: str) -> str | None:
    """The frame's 사업자등록번호 column: `wanted`, else the other name of NUMBER_COLUMNS it has, else None."""
    if wanted in frame.columns:
        return wanted
    return next((name for name in NUMBER_COLUMNS if name in frame.columns), None)


def company_keys(*frames: pd.DataFrame, aliases: Mapping[str, str] | None = None) -> CompanyKeys:
    """A `CompanyKeys` that has learnt every (기업명, 사업자등록번호) pair of these frames (columns `company` and
    `registration_no` or `business_number`, the loaders' canonical names)."""
    keys = CompanyKeys(aliases)
    for frame in frames:
        keys.learn_frame(frame)
    return keys

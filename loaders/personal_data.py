"""Personal data refused at import: a file is not the place for 주민등록번호, mobile numbers or a 대표자's contact.

The dashboards need none of it, and once stored (the original file is kept with every version) it would be held
for years. So a column whose header names personal data (대표자, 연락처, 전화, 휴대폰, 이메일, 주민등록번호, a
personal address), or a cell that reads as a 주민등록번호 (######-#######) or a mobile number (010-####-####), refuses
the whole file with the row and column, and nothing is stored. A column the dataset declares (`Column.personal` in
loaders/contract.py) is exempt. The value itself is never repeated in the message.
"""

from __future__ import annotations

import re
import unicodedata

from .headers import Table
from .problems import Problem

# Header words (spaces and case ignored) that name personal data.
PERSONAL_HEADER_WORDS = (
    "주민등록",
    "주민번호",
    "대표자",
    "연락처",
    "전화",
    "휴대폰",
    "핸드폰",
    "이메일",
    "전자우편",
    "메일주소",
    "개인주소",
    "자택주소",
    "집주소",
    "주소(개인)",
    "거주지",
)
PERSONAL_HEADERS_EN = frozenset({"phone", "mobile", "tel", "telephone", "email", "e-mail", "ssn", "ceo", "contact"})
RESIDENT_NUMBER = re.compile(r"(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)")
MOBILE_NUMBER = re.compile(r"(?<!\d)01[016789][-. ]\d{3,4}[-. ]\d{4}(?!\d)|^01[016789]\d{7,8}$")
_KINDS = ((RESIDENT_NUMBER, "주민등록번호"), (MOBILE_NUMBER, "휴대전화 번호"))


def _normal(header: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header)).lower()


def is_personal_header(header: str) -> bool:
    normal = _normal(header)
    return normal in PERSONAL_HEADERS_EN or any(word in normal for word in PERSONAL_HEADER_WORDS)


def personal_kind(cell: object) -> str | None:
    """ "주민등록번호" or "휴대전화 번호" when the cell's text reads as one; None otherwise (numbers never do)."""
    if not isinstance(cell, str) or len(cell) < 10:
        return None
    text = cell.strip()
    return next((kind for pattern, kind in _KINDS if pattern.search(text)), None)


def personal_data_problems(table: Table, data_rows: list[int]) -> list[Problem]:
    """One problem per column that names or holds personal data: its header row, or the first row holding it."""
    declared = {table.mapping[c.name].index for c in table.dataset.columns if c.personal and c.name in table.mapping}
    header_row = table.header_rows[-1] + 1
    columns = [c for c in table.header_columns() if c.index not in declared]
    problems = []
    named: set[int] = set()
    for column in columns:
        if is_personal_header(column.written):
            named.add(column.index)
            problems.append(
                Problem(
                    f"'{column.written}' 열은 개인정보(대표자·연락처·주민등록번호 등)를 담는 열로 보여 파일을 받지 "
                    "않았습니다. 대시보드에는 개인정보가 필요 없습니다: 이 열을 지우고 다시 올려 주세요 "
                    "(아무것도 저장하지 않았습니다).",
                    header_row,
                    column.written,
                )
            )
    labels = {c.index: c.written for c in columns}
    skipped = declared | named  # a named column is reported once, at its header
    rows = table.sheet.rows
    for row in data_rows:
        for index, cell in enumerate(rows[row]):
            # Only text can read as a number with dashes; most cells of a large file are numbers.
            if type(cell) is not str or len(cell) < 10 or index in skipped:
                continue
            kind = personal_kind(cell)
            if kind is None:
                continue
            skipped.add(index)  # the first row is enough to find the column
            problems.append(
                Problem(
                    f"{kind}로 보이는 값이 있어 파일을 받지 않았습니다(이 열에서 처음 나온 행). 개인정보는 "
                    "올리지 말고 이 열이나 값을 지운 뒤 다시 올려 주세요 (아무것도 저장하지 않았습니다).",
                    row + 1,
                    labels.get(index) or _column_letter(index),
                )
            )
    return problems


def personal_data_in_records(
    records: dict[int, dict[str, str]], declared: frozenset[str] = frozenset()
) -> list[Problem]:
    """The same checks over records read by key (a GeoJSON feature's properties, by its position in the file):
    one problem per key that names or holds personal data, at the first record where it does."""
    problems = []
    reported: set[str] = set(declared)
    for position, record in records.items():
        for key, text in record.items():
            if key in reported:
                continue
            if is_personal_header(key):
                reported.add(key)
                problems.append(
                    Problem(
                        f"'{key}' 속성은 개인정보(대표자·연락처·주민등록번호 등)를 담는 것으로 보여 파일을 받지 "
                        "않았습니다. 이 속성을 지우고 다시 올려 주세요 (아무것도 저장하지 않았습니다).",
                        position,
                        key,
                    )
                )
            elif (kind := personal_kind(text)) is not None:
                reported.add(key)
                problems.append(
                    Problem(
                        f"{kind}로 보이는 값이 있어 파일을 받지 않았습니다(이 속성에서 처음 나온 도형). 개인정보는 "
                        "올리지 말고 지운 뒤 다시 올려 주세요 (아무것도 저장하지 않았습니다).",
                        position,
                        key,
                    )
                )
    return problems


def _column_letter(index: int) -> str:
    """Excel's name of a zero-based column: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters

"""What the loader reports: problems that refuse a file (errors) and notes that do not (warnings)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One finding, located as the user sees it in Excel: row number (counting title rows) and header."""

    message: str
    row: int | None = None
    column: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"{self.row}행")
        if self.column:
            where.append(f"'{self.column}' 열")
        return f"{' '.join(where)}: {self.message}" if where else self.message


class FileRefused(Exception):
    """Raised inside the loader when the file cannot be read at all; carries the problems to show."""

    def __init__(self, *problems: Problem):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)

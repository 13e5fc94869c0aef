"""The upload page's text: what a checked file is, what an import would change, and what it saved."""

from __future__ import annotations

from loaders import LoadResult
from metrics.changes import Changes
from store import Version

from .i18n import translate

# What the upload page remembers about the file in hand: forgotten after an import, so the next file starts afresh.
FILE_STATE = ("upload_sha", "upload_results", "upload_detected", "upload_shown", "upload_replace")
AS_OF_STATE = "upload_as_of_"  # + dataset: the 기준일 the staffer gave a file that has none


def file_state_keys(keys) -> list[str]:
    """The session keys to forget after an import: the file's check, the choices made for it."""
    return [*FILE_STATE, *[k for k in keys if str(k).startswith(AS_OF_STATE)]]


def valid_text(result: LoadResult, label: str, filename: str, lang: str) -> str:
    """ "검사 통과: 예산 집행 1,608행 (시트: 예산)": a spreadsheet names its sheet, a CSV has none."""
    if result.sheet and not filename.lower().endswith(".csv"):
        return translate("upload.valid", lang, dataset=label, rows=f"{result.rows:,}", sheet=result.sheet)
    return translate("upload.valid_csv", lang, dataset=label, rows=f"{result.rows:,}")


def change_counts(changes: Changes, lang: str) -> list[tuple[str, str]]:
    """The four counts above the comparison: (label, "32행") for added, removed, changed and unchanged rows."""
    counts = (
        ("changes.added", len(changes.added)),
        ("changes.removed", len(changes.removed)),
        ("changes.changed", changes.changed_rows),
        ("changes.unchanged", changes.unchanged_rows),
    )
    return [(translate(key, lang), translate("changes.rows", lang, count=f"{count:,}")) for key, count in counts]


def saved_values(label: str, version: Version) -> dict[str, object]:
    """The values of the "saved as version N" line shown after the rerun an import makes."""
    return {"dataset": label, "number": version.number, "rows": f"{version.row_count:,}", "file": version.filename}

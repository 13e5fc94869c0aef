"""Upload names as stored: a safe base name of bounded length, whatever the browser or the command line gave.

A name is kept for people (the 출처 dialog, the history page, the download's file name), never used as a path, yet
it is stored as given nowhere: "../../x.csv", "/etc/cron.d/x.csv" or "C:\\\\x\\\\y.xlsx" keep only "x.csv" / "y.xlsx",
control characters (a newline in a log line, a right-to-left override) are dropped, the text is NFC, and a name
longer than `MAX_LENGTH` characters is shortened before its extension, which is kept.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 120
MAX_SHEET_LENGTH = 300  # dataset_versions.sheet
MAX_EXTENSION = 10  # ".geojson", ".xlsx": longer "extensions" are part of the name
FALLBACK = "파일"
_SEPARATORS = re.compile(r"[/\\]")
_EXTENSION = re.compile(rf"\.[0-9A-Za-z]{{1,{MAX_EXTENSION - 1}}}$")


def safe_file_name(name: str | None) -> str:
    """`name`'s last path part, NFC, without control or format characters, at most MAX_LENGTH characters with its
    extension kept; "파일" (with the extension, if any) when nothing is left."""
    text = unicodedata.normalize("NFC", name or "")
    text = _SEPARATORS.split(text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")  # Cc, Cf (bidi overrides), Cs, Co, Cn
    text = text.strip().lstrip(".").strip()  # no hidden file, no "..", no leading spaces
    match = _EXTENSION.search(text)
    extension = match.group(0) if match else ""
    stem = text[: len(text) - len(extension)].rstrip(". ")
    if not stem:
        return FALLBACK + extension
    return stem[: MAX_LENGTH - len(extension)].rstrip(". ") + extension


def safe_sheet_name(name: str | None) -> str | None:
    """A sheet's name as a file gives it (an XML spreadsheet's may be any text): NFC, without control characters,
    at most `MAX_SHEET_LENGTH` characters."""
    if name is None:
        return None
    text = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return text[:MAX_SHEET_LENGTH]

"""Formula cells whose result an xlsx file does not hold.

Excel saves each formula's last result beside it, and that is what we read. Files written by programs (openpyxl,
some report generators) save the formula alone: read as is, such a cell would look empty, and a figure built on
it would be wrong or missing. We find those cells so the file can be refused with where they are.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from .zip_reading import open_archive, read_member

CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
REFERENCE = re.compile(rb'\br="([A-Z]+)(\d+)"')
TYPE = re.compile(rb'\bt="(\w+)"')
VALUE = re.compile(rb"<v>[^<]+</v>", re.S)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def sheet_paths(data: bytes, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet XML path inside the archive (`data`'s), from workbook.xml and its relationships."""
    workbook = ET.fromstring(read_member(data, archive, "xl/workbook.xml"))
    rels = ET.fromstring(read_member(data, archive, "xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    paths = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(RELATIONSHIP_ID), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        paths[sheet.get("name", "")] = path
    return paths


def uncomputed_formulas(
    data: bytes, sheets: set[str] | None = None, cap: int = 400 * 1024 * 1024
) -> list[tuple[str, str, int]]:
    """(sheet, column letters, row) of each formula cell saved without its result, in the given sheets (default
    all), each sheet's XML read up to `cap` bytes. A formula whose result is an empty string (t="str" with an empty
    value) counts as computed."""
    found = []
    try:
        with open_archive(data) as archive:
            for name, path in sheet_paths(data, archive).items():
                if sheets is not None and name not in sheets:
                    continue
                try:
                    xml = read_member(data, archive, path, cap)
                except KeyError:
                    continue
                if b"<f" not in xml:
                    continue
                for match in CELL.finditer(xml):
                    body = match.group(2) or b""
                    if b"<f" not in body or VALUE.search(body):
                        continue
                    kind = TYPE.search(match.group(1))
                    if kind and kind.group(1) in (b"str", b"inlineStr"):
                        continue
                    ref = REFERENCE.search(match.group(1))
                    if ref:
                        found.append((name, ref.group(1).decode(), int(ref.group(2))))
    except (zipfile.BadZipFile, KeyError, ET.ParseError):
        return []  # not an xlsx we can inspect: calamine's own reading decides
    return found

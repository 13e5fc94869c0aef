"""Hostile uploads made on the spot, small on disk (issue #36): a workbook whose META-INF/manifest.xml inflates to
1.1 GB, one whose sheet claims `<dimension ref="A1:B2"/>` over millions of rows, and a zip of anything.

A member inflating to a gigabyte is not compressed here byte by byte (20 s of zlib at level 9): one block of
repeated text is compressed once, ended with a full flush (byte-aligned, no reference to what came before), and the
same compressed block is written as many times as needed, then a final empty block: a valid deflate stream whose
inflated size and CRC-32 are known without ever holding it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

BLOCK = 16 * 1024 * 1024
GIGA_MANIFEST_BYTES = 70 * BLOCK  # 1.1 GiB (1,174 MB) once inflated, and a little more

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="집행현황" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B2"/><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>연도</t></is></c><c r="B1" t="inlineStr"><is><t>집행액</t></is></c></row>'
)
SHEET_END = "</sheetData></worksheet>"
FALSE_DIMENSION_ROW = (
    '<row><c t="inlineStr"><is><t>AI 집적단지 조성 사업비</t></is></c><c><v>1234567</v></c></row>'.encode()
)


@dataclass(frozen=True)
class Member:
    name: str
    raw: bytes  # the raw deflate stream (or the bytes themselves, stored)
    size: int  # inflated
    crc: int
    deflated: bool = True


def small_member(name: str, text: str | bytes) -> Member:
    data = text.encode() if isinstance(text, str) else text
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Member(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))


def repeated_member(name: str, head: bytes, unit: bytes, total: int, tail: bytes = b"") -> Member:
    """`head`, then `unit` repeated to `total` bytes or a block more, then `tail`: compressed as described above."""
    block = unit * max(1, min(BLOCK, total) // len(unit))
    copies = max(1, -(-(total - len(head) - len(tail)) // len(block)))  # rounded up: at least `total`
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    opening = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    one_block = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    closing = packer.compress(tail) + packer.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return Member(name, opening + one_block * copies + closing, len(head) + len(block) * copies + len(tail), crc)


def zip_of(members: list[Member]) -> bytes:
    """A zip archive of the members, written by hand (zipfile cannot take data already compressed)."""
    out = bytearray()
    directory = bytearray()
    for member in members:
        name = member.name.encode()
        method = 8 if member.deflated else 0
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            0x800,
            method,
            0,
            0x21,
            member.crc,
            len(member.raw),
            member.size,
            len(name),
            0,
        )
        out += name + member.raw
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0x800,
            method,
            0,
            0x21,
            member.crc,
            len(member.raw),
            member.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += name
    start = len(out)
    out += directory
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0)
    return bytes(out)


def workbook_members(sheet: Member | None = None) -> list[Member]:
    return [
        small_member("[Content_Types].xml", CONTENT_TYPES),
        small_member("_rels/.rels", ROOT_RELS),
        small_member("xl/workbook.xml", WORKBOOK),
        small_member("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        sheet or small_member("xl/worksheets/sheet1.xml", SHEET_START + SHEET_END),
    ]


def manifest_bomb(inflated: int = GIGA_MANIFEST_BYTES) -> bytes:
    """An xlsx whose META-INF/manifest.xml inflates to `inflated` bytes (1.1 GiB by default, about 1 MB on disk)."""
    manifest = repeated_member(
        "META-INF/manifest.xml",
        b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">',
        b" ",
        inflated,
        b"</manifest:manifest>",
    )
    return zip_of([*workbook_members(), manifest])


def false_dimension_bomb(rows: int = 5_000_000) -> bytes:
    """An xlsx whose only sheet says `<dimension ref="A1:B2"/>` and then holds about `rows` rows (no r="…"
    numbers, so nothing but counting them tells)."""
    sheet = repeated_member(
        "xl/worksheets/sheet1.xml",
        SHEET_START.encode(),
        FALSE_DIMENSION_ROW,
        rows * len(FALSE_DIMENSION_ROW),
        SHEET_END.encode(),
    )
    return zip_of(workbook_members(sheet))


def zip_of_files(files: dict[str, bytes]) -> bytes:
    return zip_of([small_member(name, content) for name, content in files.items()])

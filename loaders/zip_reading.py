"""Reading the members of a zip archive (xlsx, xlsb, ods) with caps, never whole.

A zip member can inflate a thousand times over (a 1 MB file holding a 1 GB `META-INF/manifest.xml`), and the sizes
an archive declares for its members can lie. So every member is inflated here from its raw deflate data in chunks,
counting what comes out, and the reading stops with a Korean refusal once a cap is passed: a cap for one member
read for a look inside (the manifest, workbook.xml) and a cap on the whole archive, checked before the workbook
reader (calamine, which inflates the same data its own way) is given the file.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from .problems import FileRefused, Problem

ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20  # inflated bytes handed out at a time
MAX_MEMBERS = 10_000  # a workbook has tens of parts; a zip of more entries is not a spreadsheet
SMALL_PART_BYTES = 16 * 1024 * 1024  # workbook.xml, its relationships, the manifest: kilobytes in real files
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # the 30 bytes before a member's name, extra field and data
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_OF_DIRECTORY_SEARCH = 22 + 65_535  # the record and the longest archive comment


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f}MB" if size >= 100 * 1024 else f"{size / 1024:,.1f}KB"


def bomb_problem(member: str, cap: int, file_bytes: int) -> Problem:
    return Problem(
        f"압축을 풀면 지나치게 커지는 파일이라 받지 않았습니다: 올린 파일은 {_megabytes(file_bytes)}인데 그 안의 "
        f"'{member}'이(가) 풀면 {_megabytes(cap)}를 넘습니다(압축 폭탄으로 보입니다). 아무것도 저장하지 않았습니다. "
        "엑셀에서 직접 만든 파일이라면 엑셀에서 열어 '다른 이름으로 저장'(xlsx)한 파일을 올려 주세요."
    )


def _too_many_members(count: int) -> Problem:
    return Problem(
        f"압축(zip) 안에 든 파일이 {count:,}개나 되어 스프레드시트로 읽지 않았습니다(엑셀 파일은 수십 개). "
        "엑셀에서 xlsx로 저장한 파일을 올려 주세요. 아무것도 저장하지 않았습니다."
    )


def _unsupported_method(member: str) -> Problem:
    return Problem(
        f"파일 안의 '{member}'이(가) 엑셀이 쓰지 않는 방식으로 압축되어 있어 읽을 수 없습니다. "
        "엑셀에서 열어 xlsx로 다시 저장한 파일을 올려 주세요."
    )


@dataclass
class UnzipBudget:
    """Inflated bytes left for one archive: every member read through it counts against one cap."""

    cap: int
    used: int = 0

    def take(self, size: int, member: str, file_bytes: int) -> None:
        self.used += size
        if self.used > self.cap:
            raise FileRefused(bomb_problem(member, self.cap, file_bytes))


def declared_member_count(data: bytes) -> int | None:
    """Entries the archive's end-of-directory record declares (None where it cannot be found), read before
    zipfile builds an object per entry."""
    tail = data[-_END_OF_DIRECTORY_SEARCH:]
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack_from("<H", tail, at + 10)[0]


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive, refused before its directory is read if it declares more entries than a workbook has.
    Raises zipfile.BadZipFile (and the like) for a damaged archive, as zipfile does."""
    declared = declared_member_count(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise FileRefused(_too_many_members(declared))
    archive = zipfile.ZipFile(io.BytesIO(data))
    if len(archive.infolist()) > MAX_MEMBERS:  # a ZIP64 archive's count sits elsewhere
        count = len(archive.infolist())
        archive.close()
        raise FileRefused(_too_many_members(count))
    return archive


def member_chunks(data: bytes, info: zipfile.ZipInfo, cap: int, budget: UnzipBudget | None = None) -> Iterator[bytes]:
    """The member's inflated bytes in chunks of at most CHUNK, from its raw data (not its declared size): a
    FileRefused naming the member once more than `cap` bytes (or the archive's `budget`) come out."""
    name_length, extra_length = _LOCAL_HEADER.unpack_from(data, info.header_offset)[-2:]
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise FileRefused(_unsupported_method(info.filename))
    produced = 0
    for chunk in _inflated(raw, info.compress_type == zipfile.ZIP_DEFLATED):
        produced += len(chunk)
        if produced > cap:
            raise FileRefused(bomb_problem(info.filename, cap, len(data)))
        if budget is not None:
            budget.take(len(chunk), info.filename, len(data))
        yield chunk


def _inflated(raw: memoryview, deflated: bool) -> Iterator[bytes]:
    if not deflated:
        for at in range(0, len(raw), CHUNK):
            yield bytes(raw[at : at + CHUNK])
        return
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    for at in range(0, len(raw), CHUNK):
        piece: bytes | memoryview = raw[at : at + CHUNK]
        while piece and not inflate.eof:
            out = inflate.decompress(piece, CHUNK)  # at most CHUNK out; the input left waits in unconsumed_tail
            piece = inflate.unconsumed_tail
            if out:
                yield out
        if inflate.eof:
            return
    rest = inflate.flush()  # what zlib still holds once the input is spent: at most one match, not a bomb
    if rest:
        yield rest


def read_member(data: bytes, archive: zipfile.ZipFile, name: str, cap: int = SMALL_PART_BYTES) -> bytes:
    """One member whole, at most `cap` bytes inflated (else FileRefused); KeyError if the archive lacks it."""
    return b"".join(member_chunks(data, archive.getinfo(name), cap))


def inflated_size(data: bytes, archive: zipfile.ZipFile, budget: UnzipBudget) -> int:
    """Every member inflated once through `budget` (nothing kept): what a workbook reader would have to inflate."""
    for info in archive.infolist():
        if not info.is_dir():
            for _ in member_chunks(data, info, budget.cap, budget):
                pass
    return budget.used

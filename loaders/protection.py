"""Files we cannot read because someone locked them: a password (Excel, LibreOffice) or document security (DRM).

Told from the file's own structure, never from its name, so the refusal can say what the file is and what to do:
  - an OLE compound file holding EncryptionInfo/EncryptedPackage streams (MS-OFFCRYPTO: an encrypted .xlsx/.xlsb),
    unless its DataSpaces name Microsoft's DRM transform (an IRM/AIP-protected file);
  - an .xls whose Workbook stream has a FILEPASS record right after its first BOF;
  - an .ods zip whose META-INF/manifest.xml carries manifest:encryption-data;
  - a vendor DRM container: neither zip, OLE nor text, often with the vendor's name in its first bytes.
"""

from __future__ import annotations

import io
import struct

import olefile

from .problems import FileRefused, Problem
from .zip_reading import member_chunks, open_archive

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Records read at the start of an .xls Workbook stream: FILEPASS follows BOF, after at most a few header records.
BIFF_BOF, BIFF_FILEPASS = 0x0809, 0x002F
BIFF_RECORDS_SCANNED = 8
# Readable markers that Korean document-security products write at the start of the files they wrap.
DRM_MARKERS = (
    (b"SCDSA", "SoftCamp"),
    (b"FASOO", "Fasoo"),
    (b"MARKANY", "MarkAny"),
    (b"DOCUMENTSAFER", "MarkAny Document SAFER"),
    (b"NASCA", "NASCA"),
    (b"DRMONE", "DRM ONE"),
)
DRM_MARKER_WINDOW = 512  # markers sit in the container's header
MANIFEST_CAP = 1024 * 1024  # an ODS manifest lists the parts in a few kilobytes

ENCRYPTED_MESSAGE = (
    "암호가 걸린 파일입니다{what}. 암호가 걸린 파일은 읽을 수 없습니다. 엑셀(또는 LibreOffice)에서 암호를 넣어 파일을 연 뒤, "
    "'파일 → 정보 → 통합 문서 보호 → 암호 설정'에서 암호를 지우고 저장하거나 암호 없는 사본으로 저장해 다시 올려 주세요."
)
DRM_MESSAGE = (
    "문서보안(DRM)이 적용된 파일입니다{vendor}. 보안 프로그램이 암호화한 파일은 스프레드시트로 읽을 수 없습니다. "
    "회사 PC의 엑셀에서 파일을 연 뒤 문서보안 프로그램의 '보안 해제' 또는 '복호화 반출'로 풀린 사본을 만들어 다시 올려 주세요."
)
UNKNOWN_BINARY_MESSAGE = (
    "스프레드시트 파일로 읽을 수 없는 형식입니다(엑셀·CSV가 아닌 이진 파일). 문서보안(DRM)이 적용된 파일이라면 "
    "보안을 해제한 사본을, 아니라면 엑셀에서 xlsx로 저장한 파일을 올려 주세요."
)


def protection_problem(data: bytes) -> Problem | None:
    """Why the file is locked (a Korean problem naming what to do), or None if it is not. Raises FileRefused for a
    zip whose manifest inflates past its cap (a bomb)."""
    if data.startswith(OLE_MAGIC):
        return _ole_protection(data)
    if data.startswith(ZIP_MAGIC):
        return _encrypted_ods(data)
    if _looks_binary(data):
        vendor = next((name for marker, name in DRM_MARKERS if marker in data[:DRM_MARKER_WINDOW].upper()), None)
        return Problem(DRM_MESSAGE.format(vendor=f"({vendor})")) if vendor else Problem(UNKNOWN_BINARY_MESSAGE)
    return None


def _looks_binary(data: bytes) -> bool:
    """Neither text nor a known container: control bytes that no CSV, HTML or XML export contains."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's 유니코드 텍스트)
        return False
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20


def _ole_protection(data: bytes) -> Problem | None:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # a damaged compound file: calamine's reading decides what to say
        return None
    with ole:
        streams = {"/".join(path) for path in ole.listdir(streams=True, storages=False)}
        if "\x06DataSpaces/DataSpaceMap" in streams and _names_drm_transform(ole):
            return Problem(DRM_MESSAGE.format(vendor="(Microsoft 정보 보호·IRM)"))
        if "\tDRMContent" in streams:
            return Problem(DRM_MESSAGE.format(vendor="(Microsoft 정보 보호·IRM)"))
        if "EncryptionInfo" in streams and "EncryptedPackage" in streams:
            return Problem(ENCRYPTED_MESSAGE.format(what="(엑셀 '암호 설정')"))
        for name in ("Workbook", "Book"):
            if name in streams and _has_filepass(ole.openstream(name).read(4096)):
                return Problem(ENCRYPTED_MESSAGE.format(what="(xls 암호)"))
    return None


def _names_drm_transform(ole: olefile.OleFileIO) -> bool:
    """Whether the data-space map routes the package through Microsoft's DRM transform (IRM), not a password."""
    try:
        text = ole.openstream("\x06DataSpaces/DataSpaceMap").read().decode("utf-16-le", errors="ignore")
    except Exception:
        return False
    return "DRMEncrypted" in text


def _has_filepass(stream: bytes) -> bool:
    offset = 0
    for _ in range(BIFF_RECORDS_SCANNED):
        if offset + 4 > len(stream):
            return False
        kind, length = struct.unpack_from("<HH", stream, offset)
        if kind == BIFF_FILEPASS:
            return True
        if offset == 0 and kind != BIFF_BOF:
            return False
        offset += 4 + length
    return False


def _encrypted_ods(data: bytes) -> Problem | None:
    """An encrypted ODS names `encryption-data` in its manifest, read in chunks up to MANIFEST_CAP (real manifests
    are a few kilobytes; one that inflates past the cap is refused as a bomb, never read whole)."""
    try:
        with open_archive(data) as archive:
            if "META-INF/manifest.xml" not in archive.namelist():
                return None
            tail = b""
            for chunk in member_chunks(data, archive.getinfo("META-INF/manifest.xml"), MANIFEST_CAP):
                if b"encryption-data" in tail + chunk:
                    return Problem(ENCRYPTED_MESSAGE.format(what="(LibreOffice·ODS 암호)"))
                tail = chunk[-32:]
    except FileRefused:
        raise
    except Exception:  # not a readable zip: the workbook reader reports it
        return None
    return None

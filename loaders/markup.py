"""Workbooks written as text markup under an .xls name: a web page's <table> ("엑셀 다운로드" of many Korean web
systems) and the Excel 2003 XML Spreadsheet. Both become one Sheet laid out as Excel lays them out when it opens them.

HTML: every <tr> is a row, and text blocks outside tables (a title in <h3>, <p> or <div>) take a row each, as Excel
shows them; colspan/rowspan become merged areas over the cells they cover. A cell's `x:num` (Excel's own HTML) is its
value; otherwise its text, read exactly like a text cell in xlsx ("1,500,000", "△300").
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from lxml import etree, html

from .problems import FileRefused, Problem
from .sheet import Sheet

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{SPREADSHEET_NS}}}"
_HTML_START = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta", b"<style", b"<title")
_XML_START = b"<?xml"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)""", re.IGNORECASE)
# Names web pages declare for Korean text; Microsoft's ks_c_5601-1987 and EUC-KR pages are written as CP949.
KOREAN_CHARSETS = {
    "euc-kr",
    "euckr",
    "ks_c_5601-1987",
    "ks_c_5601",
    "ksc5601",
    "cp949",
    "ms949",
    "windows-949",
    "x-windows-949",
    "uhc",
}
_SKIPPED = {"script", "style", "head", "title", "noscript", "template"}
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")
_INTEGER = re.compile(r"^[+-]?\d+$")
# A sheet this size is already refused by the size ceiling; stops a colspan="100000" from allocating a huge grid.
MAX_SPAN = 1000


def markup_kind(data: bytes) -> str | None:
    """'html' or 'xml-spreadsheet' when the file is such markup, else None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_XML_START) or head.startswith(b"<workbook"):
        if SPREADSHEET_NS.encode() in data[:4096]:
            return "xml-spreadsheet"
        return "html" if b"<html" in head or b"<table" in head else None
    if head.startswith(_HTML_START) or (head.startswith(b"<!--") and b"<table" in head):
        return "html"
    return None


def row_count_estimate(data: bytes, kind: str) -> int:
    """Rows the markup declares (<tr>, <Row>), counted on the raw bytes before anything is parsed."""
    if kind == "html":
        return len(re.findall(rb"<tr[\s>]", data, re.IGNORECASE))
    return data.count(b"<Row") + data.count(b"<ss:Row")


def read_markup(data: bytes, kind: str, filename: str) -> list[Sheet]:
    try:
        return [_read_html(data, filename)] if kind == "html" else _read_xml_spreadsheet(data, filename)
    except FileRefused:
        raise
    except Exception as exc:  # lxml raises several types for broken markup
        raise FileRefused(
            Problem(
                f"웹 페이지(HTML)·XML 형식의 엑셀 파일을 읽을 수 없습니다({filename or '파일'}). 파일이 잘렸거나 손상되었습니다. "
                "엑셀에서 열어 xlsx로 다시 저장해 주세요."
            )
        ) from exc


# ---------------------------------------------------------------------------
# HTML tables
# ---------------------------------------------------------------------------


def decode_html(data: bytes) -> str:
    """The page's text: BOM, then the meta tag's charset, else UTF-8 then CP949."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = _CHARSET.search(data[:4096])
    candidates = ["utf-8", "cp949"]
    if declared:
        name = declared.group(1).decode("ascii", errors="ignore").lower()
        candidates = ["cp949"] if name in KOREAN_CHARSETS else [name, "utf-8", "cp949"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise FileRefused(
        Problem(
            "웹 페이지(HTML) 형식 엑셀 파일의 글자 인코딩을 읽을 수 없습니다. 엑셀에서 열어 xlsx로 다시 저장해 주세요."
        )
    )


def _read_html(data: bytes, filename: str) -> Sheet:
    root = html.document_fromstring(decode_html(data))
    body = root.find("body")
    rows: list[list[object]] = []
    merged: list[tuple[int, int, int, int]] = []
    _walk(body if body is not None else root, rows, merged)
    return Sheet(name=filename or "HTML", rows=rows, merged=merged)


def _walk(element, rows: list[list[object]], merged: list[tuple[int, int, int, int]]) -> None:
    """Rows in document order: each table's rows, and each piece of text outside tables as a one-cell row."""
    _add_text(element.text, rows)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED:
            if child.tag == "table":
                _add_table(child, rows, merged)
            elif child.find(".//table") is not None:
                _walk(child, rows, merged)
            else:
                _add_text(child.text_content(), rows)
        _add_text(child.tail, rows)


def _add_text(text: str | None, rows: list[list[object]]) -> None:
    text = _SPACES.sub(" ", text or "").strip()
    if text:
        rows.append([text])


def _add_table(table, rows: list[list[object]], merged: list[tuple[int, int, int, int]]) -> None:
    top = len(rows)
    taken: dict[tuple[int, int], bool] = {}  # cells covered by a rowspan from a row above
    for r, tr in enumerate(_table_rows(table)):
        row: list[object] = []
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while taken.get((r, c)):
                row.append(None)
                c += 1
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            row.append(_cell_value(td))
            row.extend([None] * (colspan - 1))
            if colspan > 1 or rowspan > 1:
                merged.append((top + r, c, top + r + rowspan - 1, c + colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = True
            c += colspan
        while taken.get((r, c)):
            row.append(None)
            c += 1
        rows.append(row)


def _table_rows(table) -> list:
    """The table's own rows (thead, tbody, tfoot in document order), not those of tables nested in its cells."""
    found = []
    for child in table:
        if child.tag == "tr":
            found.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            found.extend(tr for tr in child if tr.tag == "tr")
    return found


def _span(td, attribute: str) -> int:
    try:
        return max(1, min(int(str(td.get(attribute, "1")).strip() or 1), MAX_SPAN))
    except ValueError:
        return 1


def _cell_value(td) -> object:
    number = td.get("x:num")
    if number is not None and number.strip():
        return _number(number.strip())
    text = _text(td)
    return text or None


def _text(element) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _number(text: str) -> object:
    """A number Excel stored: an integer exactly, a decimal as the binary float Excel holds (read at 15 digits)."""
    if _INTEGER.match(text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text


# ---------------------------------------------------------------------------
# Excel 2003 XML Spreadsheet
# ---------------------------------------------------------------------------


def _read_xml_spreadsheet(data: bytes, filename: str) -> list[Sheet]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    root = etree.fromstring(data, parser)
    sheets = []
    for number, worksheet in enumerate(root.iter(f"{_SS}Worksheet"), start=1):
        name = worksheet.get(f"{_SS}Name") or f"Sheet{number}"
        rows: list[list[object]] = []
        merged: list[tuple[int, int, int, int]] = []
        table = worksheet.find(f"{_SS}Table")
        for row in table.iter(f"{_SS}Row") if table is not None else ():
            index = _index(row)
            while index is not None and len(rows) < index - 1:
                rows.append([])
            cells: list[object] = []
            for cell in row.iter(f"{_SS}Cell"):
                column = _index(cell)
                if column is not None and len(cells) < column - 1:
                    cells.extend([None] * (column - 1 - len(cells)))
                across = _merge(cell, "MergeAcross")
                down = _merge(cell, "MergeDown")
                if across or down:
                    merged.append((len(rows), len(cells), len(rows) + down, len(cells) + across))
                cells.append(_xml_value(cell.find(f"{_SS}Data")))
                cells.extend([None] * across)
            rows.append(cells)
        hidden = any(
            (v.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
            for v in worksheet.iter("{urn:schemas-microsoft-com:office:excel}Visible")
        )
        sheets.append(Sheet(name=name, rows=rows, merged=merged, hidden=hidden))
    if not sheets:
        raise FileRefused(Problem("XML 형식 엑셀 파일에 시트가 없습니다. 엑셀에서 열어 xlsx로 다시 저장해 주세요."))
    return sheets


def _index(element) -> int | None:
    value = element.get(f"{_SS}Index")
    try:
        return max(1, min(int(value), 1_048_576)) if value is not None else None
    except ValueError:
        return None


def _merge(cell, attribute: str) -> int:
    try:
        return max(0, min(int(cell.get(f"{_SS}{attribute}", "0")), MAX_SPAN))
    except ValueError:
        return 0


def _xml_value(data) -> object:
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(f"{_SS}Type", "String")
    if kind == "Number" and text.strip():
        return _number(text.strip())
    if kind == "DateTime" and text.strip():
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() == "1"
    return text if text.strip() else None

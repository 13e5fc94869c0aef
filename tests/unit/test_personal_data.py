"""Issue #36: a file carrying personal data (a 주민등록번호, a mobile number, a 대표자 or 연락처 column) is refused at
import with its row and column, the value never repeated, nothing stored; a column the dataset declares is exempt."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import Workbook

from loaders import headers, load_file
from loaders.contract import DATASETS, Column, Kind
from loaders.headers import normalise_header
from loaders.personal_data import is_personal_header, personal_kind
from store import open_store

HEADER = "기준월,기업명,산업분야,신규채용,재직자수,비고\n"


def _jobs(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode("utf-8-sig")


def test_a_planted_resident_number_column_is_refused_with_its_row_and_column_and_nothing_is_stored(tmp_path):
    data = _jobs("2026-10,가나에이아이,모빌리티,1,10,", "2026-10,다라로보틱스,에너지,2,5,900101-1234567")
    result = load_file(data, "jobs.csv")
    assert not result.ok
    assert [(p.row, p.column) for p in result.errors] == [(3, "비고")]
    message = str(result.errors[0])
    assert message.startswith("3행 '비고' 열: 주민등록번호로 보이는 값이 있어 파일을 받지 않았습니다")
    assert "900101" not in message  # the value itself is never shown
    assert result.written == {}  # no cell kept, not even as written
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with pytest.raises(ValueError, match="검사를 통과하지 못한 파일"):
        store.save_version(result, data, user="kim")
    assert store.is_empty()


def test_a_mobile_number_in_a_workbook_is_refused_at_its_excel_row():
    book = Workbook()
    sheet = book.active
    sheet.append(["일자리 현황 (2026년 10월)"])
    sheet.append(["기준월", "기업명", "산업분야", "신규채용", "재직자수", "담당"])
    sheet.append(["2026-10", "가나에이아이", "모빌리티", 1, 10, "김담당"])
    sheet.append(["2026-10", "다라로보틱스", "에너지", 2, 5, "이담당 010-1234-5678"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_file(buffer.getvalue(), "jobs.xlsx")
    assert [(p.row, p.column) for p in result.errors] == [(4, "담당")]
    assert "휴대전화 번호로 보이는 값" in str(result.errors[0])


@pytest.mark.parametrize("header", ["대표자", "대표자 연락처", "전화번호", "휴대폰", "이메일", "E-mail", "주소(개인)"])
def test_a_personal_data_header_is_refused_at_the_header_row(header):
    result = load_file(_jobs("2026-10,가나에이아이,모빌리티,1,10,x", header=HEADER.replace("비고", header)), "j.csv")
    assert [(p.row, p.column) for p in result.errors] == [(1, header)]
    assert "개인정보" in str(result.errors[0])


def test_a_declared_column_is_exempt(monkeypatch):
    jobs = DATASETS["jobs"]
    contact = Column("contact", "연락처", Kind.TEXT, ("연락처",), required=False, personal=True)
    monkeypatch.setitem(DATASETS, "jobs", dataclasses.replace(jobs, columns=(*jobs.columns, contact)))
    monkeypatch.setitem(headers._ALIAS_INDEX["jobs"], normalise_header("연락처"), "contact")
    data = _jobs("2026-10,가나에이아이,모빌리티,1,10,010-1234-5678", header=HEADER.replace("비고", "연락처"))
    result = load_file(data, "jobs.csv", "jobs")
    assert result.ok, result.errors


def test_what_is_not_personal_data():
    assert personal_kind("2026-10-31") is None and personal_kind(1012345678) is None
    assert personal_kind("02-123-4567") is None  # an office landline is not a mobile number
    assert personal_kind("사업비 1,010-2,000") is None
    assert personal_kind("01012345678") == "휴대전화 번호"
    assert personal_kind("800101 - 2345678") == "주민등록번호"
    assert not is_personal_header("주소") and not is_personal_header("도로명주소")  # a company's address
    assert not is_personal_header("기업명") and not is_personal_header("담당 부서")


def test_the_sample_data_has_no_personal_data():
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    for path in sorted(data.glob("*.csv")) + sorted(data.glob("*.xlsx")):
        assert load_file(path.read_bytes(), path.name).ok, path.name


def test_a_geojson_property_holding_a_mobile_number_is_refused_with_its_feature():
    import json
    from pathlib import Path

    sample = json.loads((Path(__file__).resolve().parents[2] / "data" / "parcels.geojson").read_text("utf-8"))
    sample["features"][2]["properties"]["담당"] = "김담당 010-2345-6789"
    result = load_file(json.dumps(sample, ensure_ascii=False).encode(), "parcels.geojson")
    assert [(p.row, p.column) for p in result.errors] == [(3, "담당")]
    assert "휴대전화 번호로 보이는 값" in str(result.errors[0]) and result.written == {}
    sample["features"][2]["properties"] = {**sample["features"][2]["properties"], "담당": "김담당", "대표자": "x"}
    refused = load_file(json.dumps(sample, ensure_ascii=False).encode(), "parcels.geojson")
    assert [(p.row, p.column) for p in refused.errors] == [(3, "대표자")]

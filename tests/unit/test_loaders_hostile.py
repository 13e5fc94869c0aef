"""Hostile files (issue #36): zip members read with caps and never whole, rows counted as the sheet streams instead
of trusting its <dimension>, and a clear Korean refusal for a bomb, an oversized CSV field and a file that is not
what its name says."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile

import pytest

from loaders import load_file
from loaders.problems import FileRefused
from loaders.size_limits import SheetSize, SizeLimits, count_sheet, zip_sheet_sizes
from loaders.zip_reading import MAX_MEMBERS, UnzipBudget, member_chunks, open_archive, read_member
from tests.support.hostile_files import (
    FALSE_DIMENSION_ROW,
    GIGA_MANIFEST_BYTES,
    SHEET_END,
    SHEET_START,
    false_dimension_bomb,
    manifest_bomb,
    repeated_member,
    small_member,
    workbook_members,
    zip_of,
    zip_of_files,
)
from tests.support.messy_exports.not_spreadsheets import PNG_BYTES
from tests.support.paths import REPO_ROOT

MB = 1024 * 1024


# ---------------------------------------------------------------------------
# The capped zip reader
# ---------------------------------------------------------------------------


def test_a_member_is_inflated_in_chunks_that_add_up_to_it():
    text = ("가나다 " * 700_000).encode()  # 7 MB: several chunks
    data = zip_of([small_member("a.xml", text)])
    with open_archive(data) as archive:
        chunks = list(member_chunks(data, archive.getinfo("a.xml"), 8 * MB))
        assert read_member(data, archive, "a.xml", 8 * MB) == text
    assert b"".join(chunks) == text and max(map(len, chunks)) <= MB and len(chunks) == 7


def test_a_stored_member_is_read_as_is():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    data = out.getvalue()
    with open_archive(data) as archive:
        assert read_member(data, archive, "mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"


def test_reading_stops_at_the_cap_and_names_the_member():
    data = zip_of([repeated_member("xl/sharedStrings.xml", b"<sst>", b"x", 40 * MB)])
    with open_archive(data) as archive:
        chunks = member_chunks(data, archive.getinfo("xl/sharedStrings.xml"), 5 * MB)
        taken = []
        with pytest.raises(FileRefused) as refused:
            for chunk in chunks:
                taken.append(len(chunk))
    assert sum(taken) <= 5 * MB  # what came out before the refusal: never the whole member
    assert refused.value.problems[0].message.startswith(
        f"압축을 풀면 지나치게 커지는 파일이라 받지 않았습니다: 올린 파일은 {len(data) / 1024:.1f}KB인데 그 안의 "
        "'xl/sharedStrings.xml'이(가) 풀면 5.0MB를 넘습니다(압축 폭탄으로 보입니다). 아무것도 저장하지 않았습니다."
    )


def test_a_member_that_declares_a_small_size_is_measured_by_what_it_inflates_to():
    honest = repeated_member("xl/worksheets/sheet1.xml", b"<x>", b"y", 20 * MB)
    lying = type(honest)(honest.name, honest.raw, 100, honest.crc)  # says 100 bytes
    data = zip_of([lying])
    with open_archive(data) as archive:
        assert archive.getinfo(honest.name).file_size == 100
        assert sum(map(len, member_chunks(data, archive.getinfo(honest.name), 64 * MB))) == honest.size
        with pytest.raises(FileRefused):
            read_member(data, archive, honest.name, 10 * MB)


def test_one_budget_caps_the_members_together():
    members = [repeated_member(f"part{i}.xml", b"", b"z", 3 * MB) for i in range(4)]
    data = zip_of(members)
    budget = UnzipBudget(10 * MB)
    with open_archive(data) as archive, pytest.raises(FileRefused) as refused:
        for info in archive.infolist():
            for _ in member_chunks(data, info, budget.cap, budget):
                pass
    assert "'part3.xml'이(가) 풀면 10.0MB를 넘습니다" in refused.value.problems[0].message


def test_an_archive_of_more_entries_than_a_workbook_has_is_refused_before_its_directory_is_read():
    data = zip_of([small_member(f"f{i}.txt", b"") for i in range(MAX_MEMBERS + 1)])
    with pytest.raises(FileRefused) as refused:
        open_archive(data)
    assert refused.value.problems[0].message.startswith(
        "압축(zip) 안에 든 파일이 10,001개나 되어 스프레드시트로 읽지 않았습니다"
    )


# ---------------------------------------------------------------------------
# The streaming row counter
# ---------------------------------------------------------------------------

SHEET = (
    b'<worksheet><dimension ref="A1:B2"/><sheetData>'
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>'
    b'<row r="2"><c r="A2"><v>2</v></c><c r="AB2"><v>3</v></c></row>'
    b'<row r="7"><c r="C7"><v>4</v></c></row>'
    b"</sheetData></worksheet>"
)


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, len(SHEET)])
def test_rows_and_cells_are_counted_whatever_the_chunks(chunk: int):
    """Rows: the last r="7" beats three tags; cells: 7 rows × column AB (28), never the <dimension>'s A1:B2."""
    pieces = [SHEET[i : i + chunk] for i in range(0, len(SHEET), chunk)]
    assert count_sheet("집행현황", pieces) == SheetSize("집행현황", 7, 7 * 28)


def test_rows_without_numbers_are_counted_by_their_tags():
    sheet = b"<sheetData>" + b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 1000 + b"</sheetData>"
    pieces = [sheet[i : i + 4096] for i in range(0, len(sheet), 4096)]
    assert count_sheet("", pieces) == SheetSize("", 1000, 2000)


def test_a_false_dimension_does_not_hide_the_rows():
    sheet = repeated_member(
        "xl/worksheets/sheet1.xml", SHEET_START.encode(), FALSE_DIMENSION_ROW, 300_000 * len(FALSE_DIMENSION_ROW),
        SHEET_END.encode(),
    )  # fmt: skip
    data = zip_of(workbook_members(sheet))
    sizes = zip_sheet_sizes(data, SizeLimits(max_rows=10_000_000, max_cells=100_000_000))
    rows_written = 1 + (sheet.size - len(SHEET_START) - len(SHEET_END)) // len(FALSE_DIMENSION_ROW)
    assert sizes == [SheetSize("집행현황", rows_written, 2 * rows_written)]


# ---------------------------------------------------------------------------
# The bombs, refused by load_file with a Korean reason
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {"manifest": manifest_bomb(), "false_dimension": false_dimension_bomb()}


def test_the_bombs_are_small_on_disk_and_huge_inflated(bombs):
    assert len(bombs["manifest"]) < 1.2 * MB and len(bombs["false_dimension"]) < 2 * MB
    with zipfile.ZipFile(io.BytesIO(bombs["manifest"])) as archive:
        assert archive.getinfo("META-INF/manifest.xml").file_size > GIGA_MANIFEST_BYTES > 1_100 * MB
        assert archive.testzip() is None  # a valid archive: every CRC right


def test_the_manifest_bomb_is_refused_without_inflating_the_manifest(bombs):
    result = load_file(bombs["manifest"], "집행현황.xlsx")
    assert not result.ok and result.frame.empty
    assert [str(p) for p in result.errors] == [
        "압축을 풀면 지나치게 커지는 파일이라 받지 않았습니다: 올린 파일은 1.1MB인데 그 안의 'META-INF/manifest.xml'이(가) "
        "풀면 1.0MB를 넘습니다(압축 폭탄으로 보입니다). 아무것도 저장하지 않았습니다. 엑셀에서 직접 만든 파일이라면 엑셀에서 "
        "열어 '다른 이름으로 저장'(xlsx)한 파일을 올려 주세요."
    ]


def test_the_false_dimension_bomb_is_refused_by_its_counted_rows(bombs):
    result = load_file(bombs["false_dimension"], "집행현황.xlsx")
    assert len(result.errors) == 1
    message = result.errors[0].message
    assert message.startswith("파일이 너무 큽니다: 시트 '집행현황'에 ") and "행 이상(약 " in message
    assert f"200,000행·4,000,000칸을 넘습니다 (파일 크기 {len(bombs['false_dimension']) / 1e6:.1f}MB)" in message
    rows = int(message.split("'집행현황'에 ")[1].split("행")[0].replace(",", ""))
    assert 400_000 < rows < 420_000  # counting stopped at twice the ceiling, one inflated chunk later at most


def test_a_workbook_inflating_past_the_archive_cap_is_refused_as_a_bomb():
    strings = repeated_member("xl/sharedStrings.xml", b"<sst><si><t>", b"A", 30 * MB, b"</t></si></sst>")
    data = zip_of([*workbook_members(), strings])
    result = load_file(data, "x.xlsx", limits=SizeLimits(max_unzipped_bytes=20 * MB))
    assert [p.message.split("인데")[0] for p in result.errors] == [
        f"압축을 풀면 지나치게 커지는 파일이라 받지 않았습니다: 올린 파일은 {len(data) / 1024:.1f}KB"
    ]
    assert "그 안의 'xl/sharedStrings.xml'이(가) 풀면 20.0MB를 넘습니다" in result.errors[0].message


# ---------------------------------------------------------------------------
# A file that is not what its name says; an oversized CSV field
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "집행현황.xlsx",
            PNG_BYTES,
            "스프레드시트 파일이 아닙니다: 파일 이름은 '.xlsx'이지만 내용은 PNG 이미지입니다. 엑셀(xlsx, xls) 또는 CSV 파일을 올려 주세요.",
        ),
        (
            "chart.png",
            PNG_BYTES,
            "스프레드시트 파일이 아닙니다: PNG 이미지입니다. 엑셀(xlsx, xls) 또는 CSV 파일을 올려 주세요.",
        ),
        (
            "집행현황.xlsx",
            zip_of_files({"2025.csv": b"a,b\n", "2026.csv": b"a,b\n", "readme.txt": b"hi"}),
            "엑셀 파일이 아닙니다: 파일 이름은 '.xlsx'이지만 내용은 압축(zip) 파일입니다(안에 든 파일: 2025.csv, 2026.csv, "
            "readme.txt). 압축을 풀어 그 안의 엑셀(xlsx, xls) 또는 CSV 파일을 하나씩 올려 주세요.",
        ),
        (
            "보고.xlsx",
            zip_of_files({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
            "스프레드시트 파일이 아닙니다: 파일 이름은 '.xlsx'이지만 내용은 워드(docx) 문서입니다. 표를 엑셀로 옮겨 xlsx로 "
            "저장한 파일을 올려 주세요.",
        ),
        (
            "보고.ods",
            zip_of_files({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<x/>"}),
            "스프레드시트 파일이 아닙니다: 파일 이름은 '.ods'이지만 내용은 한글(HWPX) 문서입니다. 표를 엑셀로 옮겨 xlsx로 "
            "저장한 파일을 올려 주세요.",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(name: str, data: bytes, message: str):
    result = load_file(data, name)
    assert [str(p) for p in result.errors] == [message]


def test_a_csv_field_past_the_limit_is_refused_with_its_line():
    data = (
        '기준월,기업명,산업분야,신규채용,재직자수\n2026-01,가,에너지,1,2\n2026-01,"' + "나" * 200_000 + "\n"
    ).encode()
    result = load_file(data, "jobs.csv")
    assert [str(p) for p in result.errors] == [
        '3행: CSV의 한 칸에 글자가 너무 많습니다(131,072자 넘음). 이 줄이나 그 위에서 따옴표(")로 시작한 칸이 닫히지 '
        "않았는지 확인하거나, 엑셀에서 열어 'CSV UTF-8'로 다시 저장해 주세요. 아무것도 저장하지 않았습니다."
    ]


# ---------------------------------------------------------------------------
# From the command line, in 1.2 GB of address space
# ---------------------------------------------------------------------------

CLI_ADDRESS_SPACE = 1_200 * 1000 * 1000


def _in_small_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CLI_ADDRESS_SPACE, CLI_ADDRESS_SPACE))


@pytest.mark.parametrize("command", ["validate", "import"])
def test_the_command_line_refuses_the_bombs_within_1_2_gb(bombs, tmp_path, command):
    """`python -m loaders validate|import` under a 1.2 GB address-space limit (inherited by its checking process):
    each bomb refused with its Korean reason and exit code 1, where before the false-dimension bomb aborted Python."""
    store = tmp_path / "store.sqlite"
    for name, data in bombs.items():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(data)
        extra = ["--url", f"sqlite:///{store}"] if command == "import" else []
        done = subprocess.run(
            [sys.executable, "-m", "loaders", command, str(path), *extra],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_in_small_address_space,
        )
        assert done.returncode == 1, done.stderr
        said = done.stdout + done.stderr
        assert "결과: 거부 — 문제 1건 (아무것도 저장하지 않았습니다)" in said
        reason = {"manifest": "'META-INF/manifest.xml'이(가) 풀면 1.0MB를 넘습니다", "false_dimension": "행 이상(약 "}
        assert reason[name] in said and "Traceback" not in said
    assert not store.exists()  # nothing stored, not even an empty store

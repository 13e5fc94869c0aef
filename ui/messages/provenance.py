MESSAGES = {
    "provenance.button": ("출처", "Source"),
    "provenance.version": (
        "**{dataset}** 버전 {number} · {when} · {user} 올림 · 파일 `{file}`",
        "**{dataset}** version {number} · {when} · uploaded by {user} · file `{file}`",
    ),
    "provenance.download_original": ("원본 파일 내려받기", "Download the original file"),
    "provenance.sum_rows": (
        "아래 {rows}개 행(엑셀 행 번호와 파일에 적힌 값 그대로)의 합계 = {value}",
        "Sum of the {rows} rows below (Excel row numbers, values as written in the file) = {value}",
    ),
    "provenance.count_rows": ("아래 {rows}개 행을 센 값입니다", "Count of the {rows} rows below"),
    "provenance.given": ("{name} = {value} (달력·설정에서 계산, 업로드 자료 아님)", "{name} = {value} (from the calendar or configuration, not uploaded data)"),
    "provenance.excel_row": ("엑셀 행", "Excel row"),
    "provenance.counted": ("집계 값({unit})", "Counted ({unit})"),
    "jobs.figure.created": ("신규 일자리", "Jobs created"),
    "jobs.figure.headcount": ("재직자 수", "Headcount"),
    "jobs.figure.local_hires": ("지역인재 채용", "Local hires"),
    "jobs.figure.new_hires_known": ("신규채용(지역인재 기재 행)", "New hires (rows reporting local hires)"),
    "jobs.figure.local_share": ("지역인재 채용 비율", "Local-hire share"),
    "pipeline.figure.total": ("입주 기업(기준일)", "Companies (reporting date)"),
    "provenance.no_version": ("이 수치의 자료 버전을 찾을 수 없습니다.", "The data version behind this figure was not found."),
}

MESSAGES = {
    "app.title": ("국가 인공지능 집적단지 대시보드", "National AI Cluster Dashboard"),
    "app.short_title": ("AI 집적단지 대시보드", "AI Cluster Dashboard"),
    "app.subtitle": ("광주광역시 북구 첨단3지구", "Cheomdan 3 district, Buk-gu, Gwangju"),
    "error.part": (
        "‘{part}’ 부분을 보여 줄 수 없습니다. {reason} 나머지 화면은 그대로 볼 수 있습니다. (오류 기록 번호 {reference})",
        "‘{part}’ cannot be shown: {reason} The rest of the page is still shown. (Error reference {reference})",
    ),
    "error.page": ("이 화면", "This page"),
    "error.reason.column": (
        "자료에 이 부분에 필요한 열({column})이 없습니다. 올린 파일의 열을 확인해 주세요.",
        "The data lacks a column it needs ({column}). Please check the uploaded file's columns.",
    ),
    "error.reason.values": (
        "자료의 값이 예상한 형식과 다릅니다. 마지막으로 올린 파일을 확인해 주세요.",
        "The data's values are not in the expected form. Please check the last uploaded file.",
    ),
    "error.reason.unexpected": (
        "예상하지 못한 오류가 생겼습니다. 시스템 담당자에게 오류 기록 번호를 알려 주세요.",
        "An unexpected error occurred. Please give the error reference to the system administrator.",
    ),
    "nav.label": ("주 메뉴", "Main menu"),
    "nav.section.dashboards": ("대시보드", "Dashboards"),
    "nav.section.data": ("데이터 관리", "Data"),
    "nav.section.admin": ("관리", "Administration"),
    "nav.overview": ("개요", "Overview"),
    "nav.budget": ("예산 집행", "Budget burn"),
    "nav.jobs": ("일자리", "Jobs"),
    "nav.pipeline": ("유니콘 후보", "Unicorn pipeline"),
    "nav.map": ("지도", "Map"),
    "nav.briefing": ("브리핑 모드", "Briefing mode"),
    "nav.changes": ("지난 보고 이후 변화", "What changed"),
    "nav.upload": ("데이터 올리기", "Upload data"),
    "nav.history": ("버전 기록", "Version history"),
    "nav.audit": ("감사 기록", "Audit log"),
    "nav.accounts": ("계정", "Accounts"),
    "nav.sign_in": ("로그인", "Sign in"),
    "language.label": ("언어", "Language"),
    "sample.badge": ("샘플 데이터", "Sample data"),
    "sample.help": (
        "지금 보이는 수치는 시험용으로 만든 가상 데이터입니다. 실제 시정 수치가 아닙니다.",
        "These figures are synthetic test data, not the city's real figures.",
    ),
    "asof.line": (
        "{dataset} {as_of} 기준 · {uploaded} {user} 올림",
        "{dataset} as of {as_of} · uploaded {uploaded} by {user}",
    ),
    "asof.short": ("{dataset} {as_of} 기준", "{dataset} as of {as_of}"),
    "asof.compact": ("{dataset} {as_of} 기준", "{dataset} as of {as_of}"),
    "asof.compact.more": ("{first} 외 {count}종", "{first} and {count} more"),
    "asof.none": ("{dataset}: 아직 올라온 데이터가 없습니다", "{dataset}: no data uploaded yet"),
    "data.empty": (
        "표시할 데이터가 없습니다. 데이터 관리 › 데이터 올리기에서 파일을 올려 주세요.",
        "No data to show. Upload a file under Data › Upload data.",
    ),
    "export.download": ("엑셀로 내려받기", "Download as Excel"),
    "unit.krw": ("원", "KRW"),
    "unit.people": ("명", "people"),
    "unit.companies": ("개사", "companies"),
    "unit.count": ("개", "count"),
}

MESSAGES |= {
    "dataset.budget": ("예산 집행", "Budget"),
    "dataset.jobs": ("일자리", "Jobs"),
    "dataset.companies": ("기업·유니콘 후보", "Companies"),
    "dataset.sites": ("시설·부지", "Sites"),
    "dataset.targets": ("목표", "Targets"),
    "dataset.events": ("주요 일정", "Events"),
    "dataset.parcels": ("필지", "Parcels"),
    "dataset.reasons": ("부진 사유·대책", "Reasons and actions"),
    "dataset.selections": ("K-유니콘 선정", "K-Unicorn selections"),
}

MESSAGES |= {  # overdue data (metrics.freshness): one sentence per dataset, on the overview and the first slide
    "freshness.overdue": (
        "{dataset} 자료가 {as_of} 기준입니다: {expected} 자료가 아직 없습니다",
        "{dataset} data is as of {as_of}: the {expected} figures are not in yet",
    ),
    "freshness.quarter": ("{year}년 {quarter}분기", "Q{quarter} {year}"),
}

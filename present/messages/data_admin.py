"""Messages of sign-in, roles and the staff pages (upload, history, audit). Keys: auth., role., upload., changes.,
history., audit., admin."""

MESSAGES = {
    # roles
    "role.viewer": ("열람자(viewer)", "viewer"),
    "role.staff": ("담당자(staff)", "staff"),
    "role.admin": ("관리자(admin)", "administrator (admin)"),
    # sign-in
    "auth.username": ("아이디", "Username"),
    "auth.password": ("비밀번호", "Password"),
    "auth.submit": ("로그인", "Sign in"),
    "auth.sign_out": ("로그아웃", "Sign out"),
    "auth.signed_out": ("로그아웃했습니다.", "You have signed out."),
    "auth.signed_in_as": ("{name} ({username}) · {role}", "{name} ({username}) · {role}"),
    "auth.signed_in": (
        "{name}({username}) 계정으로 로그인되어 있습니다. 권한: {role}",
        "Signed in as {name} ({username}). Role: {role}",
    ),
    "auth.failed": (
        "아이디 또는 비밀번호가 맞지 않습니다. 다시 입력해 주세요.",
        "The username or password is not right. Please try again.",
    ),
    "auth.missing": ("아이디와 비밀번호를 모두 입력해 주세요.", "Please enter both username and password."),
    "auth.throttled": (
        "이 아이디의 로그인이 이 컴퓨터에서 여러 번 실패해 잠시 막았습니다. {wait} 뒤에 다시 시도해 주세요.",
        "Too many failed sign-ins for this username from this computer. Please try again in {wait}.",
    ),
    "auth.throttled_address": (
        "이 컴퓨터에서 여러 아이디의 로그인이 실패해 잠시 막았습니다. {wait} 뒤에 다시 시도해 주세요.",
        "Too many failed sign-ins from this computer. Please try again in {wait}.",
    ),
    "auth.wait_seconds": ("{seconds}초", "{seconds} s"),
    "auth.wait_minutes": ("{minutes}분", "{minutes} min"),
    "auth.wait_minutes_seconds": ("{minutes}분 {seconds}초", "{minutes} min {seconds} s"),
    "auth.idle_signed_out": (
        "{minutes}분 동안 쓰지 않아 로그아웃했습니다. 다시 로그인해 주세요.",
        "You were signed out after {minutes} minutes without use. Please sign in again.",
    ),
    "auth.sign_in_needed": (
        "이 화면을 보려면 로그인해야 합니다 ({required} 이상).",
        "Please sign in to use this page ({required} or higher).",
    ),
    "auth.refused.page": (
        "이 화면은 {required} 이상만 쓸 수 있습니다. 지금 계정({name})의 권한은 {role}입니다. "
        "권한이 필요하면 관리자에게 요청해 주세요.",
        "This page is for {required} or higher. Your account ({name}) has the role {role}. "
        "Ask an administrator if you need access.",
    ),
    "auth.refused.action": (
        "이 작업은 {required} 이상만 할 수 있습니다. 지금 계정({name})의 권한은 {role}이어서 아무것도 바꾸지 않았습니다.",
        "Only {required} or higher may do this. Your account ({name}) has the role {role}; nothing was changed.",
    ),
    "auth.oidc_button": ("기관 계정으로 로그인", "Sign in with your organisation account"),
    "auth.oidc_unavailable": (
        "기관 계정 로그인을 시작하지 못했습니다: {error}",
        "Could not start the organisation sign-in: {error}",
    ),
    "auth.no_accounts": (
        "아직 로그인할 계정이 없습니다. 서버에서 `python -m auth add-user 아이디 --role staff`로 계정을 만들어 주세요.",
        "There are no accounts yet. Create one on the server with `python -m auth add-user NAME --role staff`.",
    ),
    "auth.sign_in_title": ("로그인", "Sign in"),
    "auth.sign_in_intro": (
        "데이터를 올리거나 버전을 되돌리려면 담당자 계정으로 로그인하세요. 대시보드는 로그인 없이 볼 수 있습니다.",
        "Sign in with a staff account to upload data or roll back versions. The dashboards can be read without signing in.",
    ),
    "auth.sign_in_intro_required": (
        "대시보드를 보려면 로그인하세요.",
        "Please sign in to read the dashboards.",
    ),
    "auth.session_note": (
        "로그인은 이 브라우저 창에서만 유지됩니다. 새로고침하거나 새 탭을 열면 다시 로그인해야 하고, {idle}분 동안 쓰지 "
        "않으면 끝납니다.",
        "The sign-in lasts for this browser tab only; reloading or opening a new tab asks again. It ends after {idle} "
        "minutes without use.",
    ),
    "auth.session_note_lasting": (
        "로그인은 이 브라우저에서 {hours}시간 동안 유지됩니다(새로고침·새 탭 포함). {idle}분 동안 쓰지 않으면 끝나고, "
        "로그아웃하면 모든 탭에서 함께 끝납니다.",
        "The sign-in lasts {hours} hours in this browser, across reloads and new tabs. It ends after {idle} minutes "
        "without use; signing out ends it in every tab.",
    ),
    # upload page
    "upload.intro": (
        "엑셀(xlsx, xls)이나 CSV 파일(필지는 GeoJSON)을 올리면 검사하고, 지금 데이터와 무엇이 달라지는지 보여 줍니다. "
        "'가져오기'를 눌러야 저장되며, 저장하면 새 버전이 되고 이전 버전은 그대로 남습니다.",
        "Upload an Excel (xlsx, xls) or CSV file (parcels: GeoJSON): it is checked and compared with the current data. "
        "Nothing is stored until you press Import; an import becomes a new version and earlier versions stay.",
    ),
    "upload.limit": (
        "파일 한 개당 최대 {mb}MB까지 올릴 수 있습니다 (xlsx, xls, csv, geojson).",
        "Files up to {mb} MB each (xlsx, xls, csv, geojson).",
    ),
    "upload.file_label": ("올릴 파일", "File to upload"),
    "upload.problems_sheet": ("파일의 문제", "Problems in the file"),
    "upload.templates": ("입력 양식 내려받기 (xlsx)", "Download input templates (xlsx)"),
    "upload.templates_help": (
        "양식에는 한글 열 이름, 예시 한 행, 금액 단위가 적혀 있습니다. 예시 행을 지우고 입력하세요.",
        "Each template has Korean headers, one example row and the money unit. Delete the example row and fill in.",
    ),
    "upload.template_button": ("{dataset} 양식", "{dataset} template"),
    "upload.template_file": ("{dataset}_입력양식.xlsx", "{dataset}_template.xlsx"),
    "upload.dataset_label": ("데이터 종류", "Dataset"),
    "upload.dataset_placeholder": ("데이터 종류를 고르세요", "Choose the dataset"),
    "upload.detected": ("파일 내용으로 알아낸 종류: {dataset}", "Detected from the file: {dataset}"),
    "upload.not_detected": (
        "어떤 데이터인지 알아내지 못했습니다. 데이터 종류를 직접 고르세요.",
        "Could not tell which dataset this is. Please choose it.",
    ),
    "upload.checking": ("파일을 검사하는 중…", "Checking the file…"),
    "upload.refused": (
        "이 파일은 가져올 수 없습니다: 문제 {count}건. 아래 표의 행과 열을 고친 뒤 다시 올려 주세요. 아무것도 저장하지 않았습니다.",
        "This file cannot be imported: {count} problem(s). Fix the rows and columns below and upload it again. Nothing was stored.",
    ),
    "upload.problems": ("문제", "Problems"),
    "upload.warnings": ("참고 사항 {count}건 (가져오기는 됩니다)", "{count} note(s) (the file can still be imported)"),
    "upload.col_row": ("행", "Row"),
    "upload.col_column": ("열", "Column"),
    "upload.col_problem": ("문제", "Problem"),
    "upload.col_note": ("내용", "Note"),
    "upload.valid": (
        "검사 통과: {dataset} {rows}행 (시트: {sheet})",
        "Check passed: {dataset}, {rows} rows (sheet: {sheet})",
    ),
    "upload.valid_csv": ("검사 통과: {dataset} {rows}행", "Check passed: {dataset}, {rows} rows"),
    "upload.preview": ("정리된 데이터 미리보기", "Preview of the normalised rows"),
    "upload.as_of_label": (
        "기준일 (이 파일의 금액·수치가 언제 기준인지)",
        "As-of date (the date this file's figures speak for)",
    ),
    "upload.as_of_help": (
        "파일에 기준일 열도, 표 위의 '(기준일: 2026. 10. 31.)' 같은 줄도 없습니다. 누계(연초부터 지금까지) 자료나 기업 현황은 "
        "기준일을 골라 주세요. 고른 날짜는 파일의 모든 행에 적용됩니다.",
        "The file has no as-of column and no line such as '(기준일: 2026. 10. 31.)' above the table. For year-to-date "
        "figures or a company snapshot, choose the date; it applies to every row of the file.",
    ),
    "changes.rounding": (
        "금액은 억원 단위로 반올림해 보여 주므로, 단수 조정으로 합계가 다를 수 있음",
        "Amounts are rounded to KRW 0.1 bn, so the parts may not add up exactly",
    ),
    "upload.periods.title": ("가져오면 바뀌는 기간", "Periods this import changes"),
    "upload.partial": (
        "{months}은 아직 끝나지 않은 달입니다(오늘 {today}). 이 파일의 그 달 금액은 {today}까지의 집행으로 보고, "
        "경과율·진도·연말 예상도 {today} 기준({elapsed})으로 계산합니다. 달이 끝나면 그 달 전체 자료를 다시 올려 주세요.",
        "{months} has not ended yet (today is {today}). This file's figures for it are taken as of {today}, and the "
        "share of the year elapsed, the pace and the year-end projection count to {today} ({elapsed}). Upload the "
        "whole month again once it has ended.",
    ),
    "upload.replace_label": ("바꾸는 범위", "What the file replaces"),
    "upload.replace.periods": ("이 파일이 다루는 기간만 바꾸기", "Only the periods this file covers"),
    "upload.replace.all": ("전체를 이 파일로 바꾸기", "Everything, with this file"),
    "upload.replace_help": (
        "보통은 이 파일이 다루는 기간(월·연도·기준일)의 행만 새 파일의 행으로 바꾸고 나머지 기간은 그대로 둡니다. "
        "자료 전체를 다시 받은 경우에만 '전체를 이 파일로 바꾸기'를 고르세요. 어느 쪽이든 이전 버전은 기록에 남습니다.",
        "Normally only the rows of the periods this file covers (months, years, as-of dates) are replaced and every "
        "other period is kept. Choose 'Everything' only for a complete re-export. Earlier versions stay in the history.",
    ),
    "upload.periods.new": ("새로 더하는 기간", "New periods"),
    "upload.periods.replaced": ("바뀌는 기간", "Replaced periods"),
    "upload.periods.kept": ("그대로 두는 기간", "Kept periods"),
    "upload.periods.none": ("없음", "None"),
    "upload.preview_caption": (
        "금액은 원 단위로 환산한 값입니다. '엑셀 행'은 올린 파일에서 그 행의 번호입니다.",
        "Money converted to won. 'Excel row' is the row number in the uploaded file.",
    ),
    "upload.same_file": (
        "지금 버전(버전 {number})과 똑같은 파일입니다. 다시 가져올 필요가 없습니다.",
        "This is the same file as the current version (version {number}); there is nothing to import.",
    ),
    "upload.confirm": ("가져오기: {dataset} 버전 {number}{ro} 저장", "Import as {dataset} version {number}"),
    "upload.confirm_help": (
        "누르면 이 파일이 새 버전으로 저장되고 모든 대시보드에 바로 반영됩니다. 이전 버전은 지워지지 않습니다.",
        "Stores this file as a new version; every dashboard shows it at once. Earlier versions are kept.",
    ),
    "upload.saved": (
        "{dataset} 버전 {number}을(를) 저장했습니다 ({rows}행, {file}). 대시보드에 바로 반영됩니다.",
        "Saved {dataset} version {number} ({rows} rows, {file}). The dashboards show it now.",
    ),
    "upload.stale": (
        "미리보기를 만든 뒤 다른 사람이 {dataset}의 새 버전(버전 {number})을 올렸습니다. 바뀐 내용을 다시 확인하고 가져오기를 눌러 주세요.",
        "Someone imported a new {dataset} version ({number}) after this preview was made. Check the changes again, then import.",
    ),
    "upload.save_failed": (
        "저장하지 못했습니다: {error}. 지금 버전은 그대로입니다.",
        "Could not store the file: {error}. The current version is unchanged.",
    ),
    # changes against the current version
    "changes.title": ("지금 버전과 비교", "Compared with the current version"),
    "changes.against": (
        "지금 버전: 버전 {number} ({uploaded}, {user}, {file})",
        "Current: version {number} ({uploaded}, {user}, {file})",
    ),
    "changes.first": (
        "{dataset}의 첫 버전입니다. 모든 행이 새로 추가됩니다.",
        "This is the first {dataset} version: every row is new.",
    ),
    "changes.none": (
        "지금 버전과 내용이 같습니다 (행의 순서나 엑셀 행 번호만 다를 수 있습니다).",
        "Same content as the current version (only row order or Excel row numbers may differ).",
    ),
    "changes.added": ("추가되는 행", "Rows added"),
    "changes.removed": ("빠지는 행", "Rows removed"),
    "changes.changed": ("값이 바뀌는 행", "Rows changed"),
    "changes.unchanged": ("그대로인 행", "Rows unchanged"),
    "changes.rows": ("{count}행", "{count}"),
    "changes.key": ("행을 맞춰 보는 기준(키): {columns}", "Rows are matched by: {columns}"),
    "changes.totals": ("합계 비교", "Totals"),
    "changes.col_measure": ("항목", "Measure"),
    "changes.col_before": ("지금 버전", "Current"),
    "changes.col_after": ("가져온 뒤", "After the import"),  # the whole dataset after the import, not the file alone
    "changes.col_difference": ("차이", "Difference"),
    "changes.col_field": ("열", "Column"),
    "changes.col_old": ("지금 값", "Current value"),
    "changes.col_new": ("새 값", "New value"),
    "changes.col_rows": ("엑셀 행 (지금 → 새)", "Excel row (current → new)"),
    "changes.show_added": ("추가되는 행 보기 ({count}행)", "Show rows added ({count})"),
    "changes.show_removed": ("빠지는 행 보기 ({count}행)", "Show rows removed ({count})"),
    "changes.show_changed": ("바뀌는 값 보기 ({count}건)", "Show changed values ({count})"),
    "changes.rows_total": ("행 수", "Rows"),
    # history page
    "history.dataset": ("데이터 종류", "Dataset"),
    "history.none": ("{dataset}: 아직 버전이 없습니다.", "{dataset}: no versions yet."),
    "history.caption": (
        "가져오기와 되돌리기마다 새 버전이 생기며, 어떤 버전도 지워지거나 덮어써지지 않습니다. 시각은 한국 시간입니다.",
        "Every import and rollback adds a version; none is ever deleted or overwritten. Times are Korea time.",
    ),
    "history.col_number": ("버전", "Version"),
    "history.col_when": ("올린 때", "When"),
    "history.col_who": ("올린 사람", "By"),
    "history.col_file": ("파일", "File"),
    "history.col_rows": ("행 수", "Rows"),
    "history.col_note": ("비고", "Note"),
    "history.col_total": ("합계 (원 단위까지)", "Total (to the won)"),
    "history.detail": ("버전 {number} 자세히", "Version {number} in detail"),
    "history.current": ("현재 버전", "current"),
    "history.restored": ("버전 {number}{ro} 되돌림", "rollback to version {number}"),
    "history.sample": ("샘플 데이터", "sample data"),
    "history.select": ("버전 고르기", "Choose a version"),
    "history.version_option": ("버전 {number} · {when} · {who}", "Version {number} · {when} · {who}"),
    "history.download": ("원본 파일 내려받기 ({file})", "Download the original file ({file})"),
    "history.sha": ("SHA-256: {sha}", "SHA-256: {sha}"),
    "history.rollback": ("이 버전으로 되돌리기", "Roll back to this version"),
    "history.rollback_current": ("이미 현재 버전입니다.", "This is already the current version."),
    "history.confirm_title": ("버전 되돌리기", "Roll back"),
    "history.confirm_text": (
        "{dataset} 데이터를 버전 {number}({when}, {who}, {file})의 내용으로 되돌립니다. "
        "지금 버전 {current}은(는) 그대로 남고, 버전 {new}이(가) 새로 만들어집니다.",
        "{dataset} goes back to the content of version {number} ({when}, {who}, {file}). "
        "The current version {current} stays; a new version {new} is created.",
    ),
    "history.confirm_totals": ("합계 비교", "Totals"),
    "history.col_now": ("지금 (버전 {number})", "Now (version {number})"),
    "history.col_after_rollback": ("되돌린 뒤 (버전 {number}의 내용)", "After (content of version {number})"),
    "history.confirm_button": ("되돌리기", "Roll back"),
    "history.cancel_button": ("취소", "Cancel"),
    "history.rolled_back": (
        "{dataset} 데이터를 버전 {restored}의 내용으로 되돌렸습니다: 새 버전 {number}. 대시보드에 바로 반영됩니다.",
        "{dataset} now holds the content of version {restored}, as new version {number}. The dashboards show it now.",
    ),
    "history.rollback_failed": ("되돌리지 못했습니다: {error}", "Could not roll back: {error}"),
    # audit page
    "audit.caption": (
        "가져오기, 되돌리기, 로그인, 로그인 실패, 로그아웃, 계정 변경 기록입니다 (최근 {limit}건, 한국 시간).",
        "Imports, rollbacks, sign-ins, failed sign-ins, sign-outs and account changes (latest {limit}, Korea time).",
    ),
    "audit.limit": ("보여 줄 건수", "Entries shown"),
    "audit.actions": ("작업 종류", "Actions"),
    "audit.actions_placeholder": ("모든 작업", "All actions"),
    "audit.empty": ("기록이 없습니다.", "No entries."),
    "audit.col_when": ("시각", "When"),
    "audit.col_user": ("사용자", "User"),
    "audit.col_action": ("작업", "Action"),
    "audit.col_dataset": ("데이터", "Dataset"),
    "audit.col_number": ("버전", "Version"),
    "audit.col_detail": ("내용", "Details"),
    "audit.action.import": ("가져오기", "import"),
    "audit.action.rollback": ("되돌리기", "rollback"),
    "audit.action.login": ("로그인", "sign-in"),
    "audit.action.login_failed": ("로그인 실패", "failed sign-in"),
    "audit.action.logout": ("로그아웃", "sign-out"),
    "audit.action.account_add": ("계정 추가", "account added"),
    "audit.action.account_update": ("계정 변경", "account changed"),
    "audit.action.account_remove": ("계정 삭제", "account removed"),
    "audit.reason.unknown_user": ("없는 아이디", "unknown username"),
    "audit.reason.wrong_password": ("비밀번호 틀림", "wrong password"),
    "audit.reason.no_password": ("비밀번호 로그인 불가 계정", "account without password sign-in"),
    "audit.reason.throttled": ("반복 실패로 잠시 막힘", "blocked after repeated failures"),
    "audit.reason.idle": ("오래 쓰지 않아 끝남", "ended after no use"),
    "audit.reason.ended_by_admin": ("관리자가 끝냄", "ended by an admin"),
    "audit.action.end_sessions": ("로그인 끝내기", "sessions ended"),
    "audit.detail.burst": ("{failures}회 실패", "{failures} failures"),
    "audit.detail.refused": ("대기 중 {refused}회 거절", "{refused} refused while waiting"),
    "audit.detail.address": ("주소 {address}", "address {address}"),
    "audit.detail.burst_ended": ("이후 로그인 성공", "then signed in"),
    "audit.detail.file": ("파일 {file}", "file {file}"),
    "audit.detail.rows": ("{rows}행", "{rows} rows"),
    "audit.detail.restored": (
        "버전 {restored}의 내용 (대체된 버전 {replaced})",
        "content of version {restored} (replacing {replaced})",
    ),
    "audit.detail.reason": ("사유: {reason}", "reason: {reason}"),
    "audit.detail.method": ("방식: {method}", "method: {method}"),
    "audit.method.local": ("아이디·비밀번호", "username and password"),
    "audit.method.oidc": ("기관 계정(OIDC)", "organisation account (OIDC)"),
    "audit.detail.warnings": ("참고 사항 {count}건", "{count} note(s)"),
    "audit.failed_count": ("로그인 실패 {count}건", "{count} failed sign-in(s)"),
    "audit.access.title": ("접속기록", "Access log"),
    "audit.access.caption": (
        "로그인·로그아웃, 출처 열람, 내려받기(원본 파일·표·브리핑 PDF)를 누가, 언제(서울 시각), 어디서, 무엇을 했는지 "
        "{days}일 동안 보관합니다. 고른 기간의 기록을 CSV로 내려받습니다.",
        "Sign-ins and sign-outs, sources opened and downloads (original files, tables, the briefing PDF): who, when "
        "(Seoul time), from where and what, kept for {days} days. Download the chosen period as CSV.",
    ),
    "audit.access.period": ("기간", "Period"),
    "audit.access.download": ("접속기록 내려받기 (CSV)", "Download the access log (CSV)"),
    "audit.access.file": ("접속기록_{start}_{end}.csv", "access-log_{start}_{end}.csv"),
    # column labels in English (Korean uses the data contract's labels)
    "admin.source_row": ("엑셀 행", "Excel row"),
    "admin.col.year": ("연도", "Year"),
    "admin.col.month": ("월", "Month"),
    "admin.col.phase": ("단계", "Phase"),
    "admin.col.strategy": ("추진전략", "Strategy"),
    "admin.col.program": ("세부사업명", "Programme"),
    "admin.col.source": ("재원", "Funding source"),
    "admin.col.planned_krw": ("예산액", "Planned"),
    "admin.col.executed_krw": ("집행액", "Executed"),
    "admin.col.company": ("기업명", "Company"),
    "admin.col.sector": ("산업분야", "Sector"),
    "admin.col.new_hires": ("신규채용", "New hires"),
    "admin.col.headcount": ("재직자수", "Headcount"),
    "admin.col.local_hires": ("지역인재", "Local hires"),
    "admin.col.as_of": ("기준일", "As of"),
    "admin.col.valuation_krw": ("기업가치", "Valuation"),
    "admin.col.funding_krw": ("누적투자유치", "Funding raised"),
    "admin.col.revenue_krw": ("매출액", "Revenue"),
    "admin.col.employees": ("종업원수", "Employees"),
    "admin.col.moved_in": ("입주일", "Moved in"),
    "admin.col.stage": ("성장단계", "Stage"),
    "admin.col.name": ("시설명", "Name"),
    "admin.col.kind": ("구분", "Kind"),
    "admin.col.status": ("상태", "Status"),
    "admin.col.lat": ("위도", "Latitude"),
    "admin.col.lon": ("경도", "Longitude"),
    "admin.col.area_m2": ("면적", "Area (m²)"),
    "admin.col.completion": ("준공일", "Completion"),
    "admin.col.metric": ("지표", "Metric"),
    "admin.col.target": ("목표", "Target"),
    "admin.col.date": ("일자", "Date"),
    "admin.col.title": ("내용", "Title"),
}

"""Messages of 부진 사유와 대책 (issue #24): the list beside lagging programmes, the staff form, the slide."""

MESSAGES = {
    "reasons.title": ("부진 사유와 대책", "Why it lags and what is being done"),
    "reasons.caption": (
        "각 부진 사업의 최근 부진 사유와 향후 대책 (기준월·담당 부서). 글은 입력한 그대로 보입니다.",
        "Each lagging programme's latest reason and action (month and department), shown exactly as written.",
    ),
    "reasons.reason": ("사유", "Reason"),
    "reasons.reason_of": ("{month} 사유", "Reason ({month})"),
    "reasons.department": ("담당: {department}", "By: {department}"),
    "reasons.action": ("대책", "Action"),
    "reasons.missing": ("사유 미입력", "No reason entered"),
    "reasons.missing_month": ("{month} 사유 미입력", "No reason for {month}"),
    "reasons.overdue": ("대책 완료 예정일({due}) 지남", "Action overdue (due {due})"),
    "reasons.due": ("완료 예정 {due}", "due {due}"),
    "reasons.counts": (
        "부진 사업 {count}개 · {month} 사유 미입력 {missing}개 · 기한 지난 대책 {overdue}개",
        "{count} lagging · {missing} without a reason for {month} · {overdue} overdue actions",
    ),
    "reasons.none": ("부진 사업이 없습니다.", "No programme is lagging."),
    "reasons.column.program": ("세부사업명", "Programme"),
    "reasons.column.month": ("기준월", "Month"),
    "reasons.column.reason": ("부진 사유", "Reason"),
    "reasons.column.action": ("향후 대책", "Action"),
    "reasons.column.department": ("담당 부서", "Department"),
    "reasons.column.due": ("완료 예정일", "Due"),
    "reasons.column.status": ("상태", "Status"),
    "reasons.column.flag": ("확인", "Check"),
    "reasons.file": ("부진사유_대책", "reasons_and_actions"),
    "reasons.sheet": ("부진 사유·대책", "Reasons"),
    "reasons.table": ("표로 보기 · 엑셀 내려받기", "As a table · Excel download"),
    "reasons.download": ("부진 사유·대책 내려받기 (Excel)", "Download reasons and actions (Excel)"),
    "reasons.status.조치 중": ("조치 중", "In progress"),
    "reasons.status.완료": ("완료", "Done"),
    # the staff form
    "reasons.form.open": ("사유·대책 입력", "Write a reason and action"),
    "reasons.form.help": (
        "저장하면 부진 사유·대책 자료의 새 버전이 됩니다 (업로드와 같이 기록되고 되돌릴 수 있습니다). "
        "같은 사업·같은 기준월의 이전 글은 새 글로 바뀝니다.",
        "Saving makes a new version of the reasons dataset (recorded and reversible like an upload). "
        "The same programme's text for the same month is replaced.",
    ),
    "reasons.form.program": ("세부사업", "Programme"),
    "reasons.form.month": ("기준월", "Month"),
    "reasons.form.reason": ("부진 사유", "Reason it lags"),
    "reasons.form.action": ("향후 대책", "What is being done"),
    "reasons.form.department": ("담당 부서", "Department"),
    "reasons.form.due": ("완료 예정일", "Due date"),
    "reasons.form.status": ("상태", "Status"),
    "reasons.form.save": ("저장 (새 버전)", "Save (new version)"),
    "reasons.form.required": ("부진 사유와 향후 대책을 모두 적어 주세요.", "Write both the reason and the action."),
    "reasons.form.saved": (
        "{program}의 {month} 사유·대책을 저장했습니다 (부진 사유·대책 버전 {number}).",
        "Saved {program}'s reason and action for {month} (reasons version {number}).",
    ),
    "reasons.form.from_month": (
        "{month}에 저장된 글입니다. 고쳐서 저장하면 새 버전이 됩니다.",
        "This is the text saved for {month}. Saving a change makes a new version.",
    ),
    "reasons.form.from_earlier": (
        "{month}에 적은 글로 채웠습니다. {now}에도 맞는지 확인하고 고쳐서 저장하세요.",
        "Filled in from the text written for {month}. Check it still holds for {now}, amend it and save.",
    ),
    "reasons.form.unchanged": (
        "{program}의 {month} 사유·대책이 저장된 내용과 같아 새 버전을 만들지 않았습니다 (부진 사유·대책 버전 {number} 그대로).",
        "{program}'s reason and action for {month} are as already saved: no new version (reasons version {number}).",
    ),
    "reasons.form.refused": ("저장하지 못했습니다: {error}", "Could not save: {error}"),
    "reasons.form.note": ("앱에서 입력: {program}", "Written in the app: {program}"),
    # the briefing slide
    "reasons.slide.title": ("부진 사업과 대책", "Behind pace: actions"),
    "reasons.slide.more": ("외 {count}개 사업은 예산 집행 화면에 있습니다.", "{count} more on the budget page."),
    "reasons.figure.lagging": ("부진 사업", "Lagging programmes"),
    "reasons.figure.missing": ("{month} 사유 미입력", "No reason for {month}"),
    "reasons.figure.overdue": ("기한 지난 대책", "Overdue actions"),
    # what changed
    "whatchanged.reasons_new": ("새 부진 사유·대책 {count}건: {names}", "{count} new reasons and actions: {names}"),
    "whatchanged.reasons_changed": (
        "바뀐 부진 사유·대책 {count}건: {names}",
        "{count} changed reasons and actions: {names}",
    ),
}

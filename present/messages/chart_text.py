"""What a chart shows, in a sentence or two: its text alternative (the `description` of its Vega-Lite spec,
read out by screen readers as the chart's name). Built by the chart builders in charts/ (#17)."""

MESSAGES = {
    "chart.desc": ("차트: {title}. {summary}", "Chart: {title}. {summary}"),
    "chart.desc.empty": ("표시할 자료가 없습니다.", "No data to show."),
    "chart.desc.higher": ("높음", "above"),
    "chart.desc.lower": ("낮음", "below"),
    # budget
    "chart.desc.curve": (
        "{year}년 {month}까지 집행률 {rate}, 같은 기간 계획 {plan} 대비 {gap} {direction}.",
        "{year} to {month}: {rate} executed, {gap} {direction} the {plan} planned for the same period.",
    ),
    "chart.desc.curve.same": (
        "{year}년 {month}까지 집행률 {rate}, 같은 기간 계획 {plan}과 같음.",
        "{year} to {month}: {rate} executed, the same as the {plan} planned for the same period.",
    ),
    "chart.desc.curve.projection": (" 평소 진도라면 연말 {amount}.", " At the usual pace, {amount} by December."),
    "chart.desc.curve.range": (" 범위 {low}~{high}.", " Range {low}–{high}."),
    "chart.desc.rates": (
        "{count}개 중 {lagging}개 진도 지연. 가장 낮은 곳 {low} {low_rate}, 가장 높은 곳 {high} {high_rate}.",
        "{lagging} of {count} behind pace. Lowest {low} {low_rate}, highest {high} {high_rate}.",
    ),
    "chart.desc.rates.target": (" 목표 {target}.", " Target {target}."),
    "chart.desc.phase_item": (
        "{phase} 예산 {planned}·집행 {executed}",
        "{phase} planned {planned}, executed {executed}",
    ),
    # jobs
    "chart.desc.cumulative": (
        "{month}까지 누계 {total}, 연간 목표 {target}의 {share}.",
        "{total} to {month}, {share} of the annual target of {target}.",
    ),
    "chart.desc.cumulative.no_target": ("{month}까지 누계 {total}.", "{total} to {month}."),
    "chart.desc.by_sector": (
        "{month} {total} (가장 많은 분야 {sector} {value}).",
        "{month}: {total} (most in {sector}, {value}).",
    ),
    "chart.desc.by_sector.year": (" 연간 합계 {total}.", " Year total {total}."),
    "chart.desc.top": (
        "가장 많은 곳 {company} {value}; 상위 {count}곳 합계 {total}.",
        "Largest {company} with {value}; the top {count} together {total}.",
    ),
    "chart.desc.local": (
        "전체 {overall}. 가장 높은 분야 {high} {high_share}, 가장 낮은 분야 {low} {low_share}.",
        "Overall {overall}. Highest {high} {high_share}, lowest {low} {low_share}.",
    ),
    # pipeline
    "chart.desc.stages": (
        "최고 선정 단계별 기업 수: {items} (합계 {total}).",
        "Companies by highest selection: {items} ({total} in all).",
    ),
    "chart.desc.gap": (
        "다음 사업 신청 기준에 다가선 기업 {count}. 가장 가까운 곳 {company} {ratio}.",
        "Near the next programme's entry criteria: {count}. Closest {company} at {ratio}.",
    ),
    "chart.desc.history": ("{date} 기준 {items}.", "As of {date}: {items}."),
    "chart.desc.people": (
        "{first_when} {first}에서 {last_when} {last}.",
        "From {first} ({first_when}) to {last} ({last_when}).",
    ),
    # overview
    "chart.desc.timeline": ("{items}.", "{items}."),
    "chart.desc.timeline.phase": ("{name} {start}~{end} {status}", "{name} {start}–{end}: {status}"),
    "chart.desc.timeline.next": (" 다음 일정: {date} {title}.", " Next: {title} on {date}."),
}

# A chart's numbers as a table, where the page has no other table of them (#17)
MESSAGES |= {
    "chart.table.strategies": ("추진전략별 집행률 표로 보기", "Execution rate by strategy as a table"),
    "chart.table.file.strategies": ("예산집행_추진전략별_{year}.xlsx", "budget_by_strategy_{year}.xlsx"),
    "chart.table.sheet.strategies": ("추진전략별 집행", "By strategy"),
    "chart.table.by_sector": ("분야별 월간 수치 표로 보기", "Monthly figures by sector as a table"),
    "chart.table.sheet.by_sector": ("분야별 월간", "Monthly by sector"),
    "chart.table.phases": ("단계별 일정 표로 보기", "Phases as a table"),
    "chart.table.status": ("상태", "Status"),
    "chart.table.company_jobs": ("월별 재직자·신규채용 표로 보기", "Monthly headcount and new hires as a table"),
}

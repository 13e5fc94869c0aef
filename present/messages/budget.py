"""Messages of the budget burn page (예산 집행) and its charts."""

MESSAGES = {
    # filters (sidebar)
    "budget.filters": ("필터", "Filters"),
    "budget.filter.phase": ("단계", "Phase"),
    "budget.filter.year": ("연도", "Year"),
    "budget.filter.strategy": ("추진전략", "Strategy"),
    "budget.filter.program": ("세부사업", "Programme"),
    "budget.filter.source": ("재원", "Funding source"),
    "budget.filter.all": ("전체", "All"),
    "budget.filter.all_placeholder": ("전체", "All"),
    "budget.filter.help": (
        "선택한 필터는 다른 화면에 다녀와도 유지되고 주소(URL)에도 들어가므로, 주소를 공유하면 같은 화면이 열립니다.",
        "Filters stay when you visit other pages and are part of the address (URL): sharing the link opens this view.",
    ),
    "budget.year_label": ("{year}년", "{year}"),
    "budget.phase_label": ("{name} ({first}~{last})", "Phase {number} ({first}–{last})"),
    # context line
    "budget.context": (
        "{year}년 · 자료 기준 {as_of} · 연간 경과율 {share} ({months} ÷ 12개월)",
        "{year} · data as of {as_of} · share of the year elapsed {share} ({months} of 12)",
    ),
    "budget.context.partial": (
        "{month}은 아직 끝나지 않은 달로, {day}일까지의 집행입니다",
        "{month} was still under way: spending through day {day}",
    ),
    "budget.no_rows": (
        "선택한 조건에 맞는 예산 자료가 없습니다. 필터를 바꿔 보세요.",
        "No budget rows match these filters. Try other filters.",
    ),
    "budget.no_months": (
        "이 자료에는 월 정보가 없어 월별 누계 곡선을 그릴 수 없습니다.",
        "These rows have no months, so the monthly cumulative curve cannot be drawn.",
    ),
    # headline metrics
    "budget.metric.planned": ("예산액 (연간)", "Planned (year)"),
    "budget.metric.planned.help": (
        "선택한 연도·조건의 연간 예산액 합계입니다. 정확한 금액: {exact}",
        "The year's planned total for this selection. Exact: {exact}",
    ),
    "budget.metric.planned.delta": ("전년 대비", "vs previous year"),
    "budget.metric.executed": ("집행액 (누계)", "Executed (to date)"),
    "budget.metric.executed.help": (
        "{as_of}까지 집행한 금액의 합계입니다. 정확한 금액: {exact}",
        "Executed through {as_of}. Exact: {exact}",
    ),
    "budget.metric.executed.delta": ("같은 기간 계획 대비", "vs plan to date"),
    "budget.metric.rate": ("집행률", "Execution rate"),
    "budget.metric.rate.help": (
        "집행률 = 집행액 ÷ 연간 예산액 = {executed} ÷ {planned}",
        "Execution rate = executed ÷ annual planned = {executed} ÷ {planned}",
    ),
    "budget.metric.rate.delta": ("전년 같은 시점 대비", "vs same point last year"),
    "budget.metric.gap": ("진도 차이", "Pace gap"),
    "budget.metric.gap.help": (
        "진도 차이 = 집행률 − 평소 진도({expected}). 평소 진도는 우리 시의 지난 해들이 이맘때 보통 집행한 비율입니다. "
        "음수이면 평소보다 늦다는 뜻입니다.",
        "Pace gap = execution rate − usual pace ({expected}), the share the city's earlier years had usually reached "
        "by now. Negative means behind the usual pace.",
    ),
    "budget.metric.gap.delta": ("전월 말 대비", "vs last month"),
    "budget.metric.projected": ("연말 예상 집행액", "Projected year-end executed"),
    "budget.metric.projected.help": (
        "지금까지의 집행액 ÷ 이맘때 보통 도달하는 연말 대비 비율({share}) = {executed} ÷ {share}. 정확한 금액: {exact}",
        "Executed so far ÷ the share of the year-end usually reached by now ({share}) = {executed} ÷ {share}. "
        "Exact: {exact}",
    ),
    "budget.metric.projected.delta": ("연간 예산 대비", "vs planned"),
    "budget.metric.projected_rate": ("연말 예상 집행률", "Projected year-end rate"),
    "budget.metric.projected_rate.help": (
        "연말 예상 집행액 ÷ 연간 예산액. 목표: {target}",
        "Projected year-end executed ÷ annual planned. Target: {target}",
    ),
    "budget.metric.projected_rate.no_target": ("목표 없음", "no target"),
    "budget.metric.projected_rate.delta": ("목표 {target} 대비", "vs target {target}"),
    # sections
    "budget.section.curve": ("월별 누계 집행 (S-곡선)", "Cumulative execution by month (S-curve)"),
    "budget.section.curve.caption": (
        "누계 집행액을 누계 예산액·평소 진도(연간 예산액 × 지난 해들의 월별 누적 비율 × 평소 연말 집행률)와 비교합니다. "
        "회색 점선은 평소 진도로 본 연말 예상이고, 12월의 세로 막대는 그 80% 범위입니다.",
        "Cumulative executed against cumulative planned and the usual pace (annual planned × the earlier years' "
        "cumulative share by month × the usual year-end rate). The grey dashed line is the year-end projection at the "
        "usual pace; the bar in December is its 80% range.",
    ),
    "budget.section.curve.table": ("월별 누계 표", "Monthly table"),
    "budget.section.rates": ("집행률 비교", "Execution rates"),
    "budget.section.strategy.caption": (
        "막대를 누르면(또는 왼쪽 필터의 ‘추진전략’에서 고르면) 그 전략의 세부사업만 봅니다. 다시 전체를 보려면 ‘추진전략’을 ‘전체’로 바꾸세요.",
        "Click a bar (or choose it under ‘Strategy’ in the filters) to see only that strategy’s programmes. "
        "Set ‘Strategy’ back to ‘All’ to see them all.",
    ),
    "budget.points.caption": (
        "이 해의 집행은 누계 자료(기준일마다 연초부터의 합계)로 올라왔습니다. 점 {count}개가 각각 한 번의 업로드이며, "
        "아래 표에 점마다 올린 파일이 있습니다. 월별 계획은 누계 자료에 없어 그리지 않습니다.",
        "This year's spending came as year-to-date exports (the total since January at each as-of date). Each of the "
        "{count} points is one upload; the table below names each point's file. Monthly plans are not in such exports.",
    ),
    "budget.col.as_of": ("기준일", "As of"),
    "budget.col.upload": ("올린 파일", "Uploaded file"),
    "budget.point.upload": ("{file} (버전 {number}, {user}, {when})", "{file} (version {number}, {user}, {when})"),
    "budget.file.points": ("예산_누계_기준일별_{year}", "budget_year_to_date_{year}"),
    "budget.sheet.points": ("기준일별 누계", "Year to date"),
    "budget.strategy.configured": (
        "파일에 추진전략이 없는 {rows}행은 대시보드 설정에 적힌 사업별 추진전략으로 묶었습니다.",
        "{rows} rows without a strategy in their file are grouped by the programme’s strategy in the dashboard's settings.",
    ),
    "budget.strategy.unassigned": (
        "파일에 추진전략이 없고 설정에도 사업별 전략이 없는 {rows}행은 ‘미분류’로 묶었습니다.",
        "{rows} rows without a strategy in their file or in the settings are grouped as ‘Unassigned’.",
    ),
    "budget.drill.selected": ("선택한 전략: {strategy}", "Selected strategy: {strategy}"),
    "budget.drill.clear": ("전체 전략 보기", "Show all strategies"),
    "budget.section.lagging": ("진도가 늦은 세부사업", "Programmes behind pace"),
    "budget.section.lagging.caption": (
        "집행률이 평소 진도보다 {threshold} 넘게 낮은 세부사업입니다. "
        "부족액 = 평소 진도 금액(연간 예산액 × 평소 진도) − 집행액.",
        "Programmes whose execution rate is more than {threshold} under their usual pace. "
        "Shortfall = usual-pace amount (annual planned × usual pace) − executed.",
    ),
    "budget.lagging.none": (
        "진도가 {threshold}보다 늦은 세부사업이 없습니다.",
        "No programme is more than {threshold} behind pace.",
    ),
    "budget.section.programs": ("세부사업별 집행 현황", "Execution by programme"),
    "budget.section.phases": ("단계·재원별 누계", "Totals by phase and funding source"),
    "budget.section.phases.caption": (
        "단계 전체 기간의 누계입니다 (진행 중인 단계는 자료 기준일까지 집행). 재원·추진전략·세부사업 필터가 적용되고, 단계·연도 필터는 적용되지 않습니다.",
        "Totals over each phase's years (an ongoing phase up to the data's as-of date). "
        "The funding source, strategy and programme filters apply; phase and year do not.",
    ),
    "budget.download": ("엑셀로 내려받기", "Download Excel"),
    "budget.download.help": (
        "원 단위 정확한 금액이 담긴 엑셀 파일(.xlsx)",
        "An Excel file (.xlsx) with exact amounts in won",
    ),
    # table columns
    "budget.col.phase": ("단계", "Phase"),
    "budget.col.source": ("재원", "Funding source"),
    "budget.col.strategy": ("추진전략", "Strategy"),
    "budget.col.program": ("세부사업", "Programme"),
    "budget.col.month": ("월", "Month"),
    "budget.col.planned": ("예산액 (원)", "Planned (KRW)"),
    "budget.col.executed": ("집행액 (원)", "Executed (KRW)"),
    "budget.col.rate": ("집행률 (%)", "Execution rate (%)"),
    "budget.col.gap": ("진도 차이 (%p)", "Pace gap (pp)"),
    "budget.col.projected": ("연말 예상액 (원)", "Projected year-end (KRW)"),
    "budget.col.projected_rate": ("예상 집행률 (%)", "Projected rate (%)"),
    "budget.col.pace": ("평소 진도 금액 (원)", "Usual-pace amount (KRW)"),
    "budget.col.shortfall": ("부족액 (원)", "Shortfall (KRW)"),
    "budget.col.month_planned": ("월 예산액 (원)", "Planned in month (KRW)"),
    "budget.col.month_executed": ("월 집행액 (원)", "Executed in month (KRW)"),
    "budget.col.cum_planned": ("누계 예산액 (원)", "Cumulative planned (KRW)"),
    "budget.col.cum_executed": ("누계 집행액 (원)", "Cumulative executed (KRW)"),
    "budget.col.pace_line": ("직선 기준 (원)", "Straight-line pace (KRW)"),
    "budget.sheet.programs": ("세부사업별 집행", "By programme"),
    "budget.sheet.lagging": ("진도 지연 사업", "Behind pace"),
    "budget.sheet.monthly": ("월별 누계", "Monthly"),
    "budget.sheet.phases": ("단계·재원별 누계", "By phase and source"),
    "budget.file.programs": ("예산집행_세부사업별_{year}.xlsx", "budget_by_programme_{year}.xlsx"),
    "budget.file.lagging": ("예산집행_진도지연_{year}.xlsx", "budget_behind_pace_{year}.xlsx"),
    "budget.file.monthly": ("예산집행_월별누계_{year}.xlsx", "budget_monthly_{year}.xlsx"),
    "budget.file.phases": ("예산집행_단계재원별.xlsx", "budget_by_phase_and_source.xlsx"),
    # charts
    "budget.chart.curve.title": ("{year}년 누계 예산액·집행액", "{year} cumulative planned and executed"),
    "budget.chart.series.planned": ("누계 예산액", "Cumulative planned"),
    "budget.chart.series.executed": ("누계 집행액", "Cumulative executed"),
    "budget.chart.series.pace": ("직선 진도", "Straight-line pace"),
    "budget.chart.series.expected": ("평소 진도", "Usual pace"),
    "budget.chart.series.projection": ("연말 예상", "Year-end projection"),
    "budget.chart.series.range": ("연말 예상 범위(80%)", "Year-end range (80%)"),
    "budget.chart.axis.month": ("월", "Month"),
    "budget.chart.unit.eok": ("단위: 억원", "Unit: KRW 100 million (억원)"),
    "budget.chart.axis.rate": ("집행률 (%)", "Execution rate (%)"),
    "budget.chart.tooltip.month": ("월", "Month"),
    "budget.chart.tooltip.series": ("구분", "Series"),
    "budget.chart.tooltip.amount": ("금액", "Amount"),
    "budget.chart.tooltip.exact": ("정확한 금액", "Exact amount"),
    "budget.chart.event.date": ("일자", "Date"),
    "budget.chart.event.title": ("주요 일정", "Event"),
    "budget.chart.tooltip.rate": ("집행률", "Execution rate"),
    "budget.chart.tooltip.gap": ("진도 차이", "Pace gap"),
    "budget.chart.tooltip.planned": ("예산액", "Planned"),
    "budget.chart.tooltip.executed": ("집행액", "Executed"),
    "budget.chart.tooltip.status": ("진도", "Pace"),
    "budget.chart.strategy.title": ("추진전략별 집행률", "Execution rate by strategy"),
    "budget.chart.program.title": ("세부사업별 집행률 (낮은 순)", "Execution rate by programme (lowest first)"),
    "budget.chart.status.on_pace": ("진도 양호", "On pace"),
    "budget.chart.status.lagging": ("진도 지연", "Behind pace"),
    "budget.chart.target": ("목표 {target}", "Target {target}"),
    "budget.chart.phase.title": ("단계·재원별 예산액과 집행액", "Planned and executed by phase and source"),
    "budget.chart.measure": ("구분", "Measure"),
    "budget.chart.measure.planned": ("예산", "Planned"),
    "budget.chart.measure.executed": ("집행", "Executed"),
}

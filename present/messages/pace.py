"""Messages of the seasonal pace, the year-end projection with its range, the year-end risk list and the backtest."""

MESSAGES = {
    # where the expected pace comes from (one line under the budget page's context line)
    "pace.basis.learned": (
        "평소 진도: {level} {years}의 월별 누계 비율(연말 집행액 대비)로 본 진도입니다. 이맘때({month}) 보통 연말 집행액의 "
        "{share}를 집행했고, 연말 집행률은 보통 {final}였습니다.",
        "Usual pace: learned from {level} over {years} (cumulative share of the year-end spending by month). By now "
        "({month}) a year has usually spent {share} of its year-end total, and ends at a rate of {final}.",
    ),
    "pace.basis.plan": (
        "평소 진도: 이 해의 월별 예산액(월별 집행계획)을 따른 진도입니다{why}.",
        "Usual pace: this year's month-by-month planned amounts (the monthly execution plan){why}.",
    ),
    "pace.basis.plan.no_history": (
        " (배울 만큼 완결된 이전 연도가 없음)",
        " (no complete earlier years to learn from)",
    ),
    "pace.basis.straight": (
        "배울 만한 완결된 이전 연도가 없어(최소 {minimum}개 해 필요) 직선 진도(연간 예산액 × 경과율)로 판단하고, "
        "연말 예상은 지금까지의 월평균 속도로 계산합니다. 범위는 내지 않습니다.",
        "No complete earlier years to learn from (at least {minimum} needed): the straight line (annual planned × share "
        "of the year) is the pace, and the year-end projection is the run rate so far, with no range.",
    ),
    "pace.left_out": ("계산에서 뺀 해: {years}.", "Years left out: {years}."),
    "pace.left_out.missing_months": ("{year}년(빠진 달 있음)", "{year} (months missing)"),
    "pace.left_out.no_months": ("{year}년(월별 자료 없음)", "{year} (no monthly rows)"),
    "pace.left_out.nothing_executed": ("{year}년(집행 없음)", "{year} (nothing executed)"),
    "pace.left_out.too_few_earlier_years": ("{year}년(앞선 완결 연도 부족)", "{year} (too few earlier years)"),
    "pace.level.program": ("이 세부사업의", "this programme"),
    "pace.level.strategy": ("같은 추진전략의", "its strategy"),
    "pace.level.source": ("같은 재원의", "its funding source"),
    "pace.level.selection": ("선택한 조건의", "this selection"),
    "pace.level.total": ("예산 전체의", "the whole budget"),
    "pace.level.plan": ("월별 계획", "monthly plan"),
    "pace.level.straight": ("직선", "straight line"),
    "pace.years": ("{first}~{last}년 {count}개 해", "{count} years, {first}–{last}"),
    "pace.straight_toggle": ("직선 진도선도 보기(참고)", "Also show the straight line (reference)"),
    "pace.straight_toggle.help": (
        "연간 예산액을 12개월에 고르게 나눈 선입니다. 우리 시의 집행은 12월에 몰리므로 판단에는 평소 진도를 씁니다.",
        "The annual budget spread evenly over 12 months. The city spends much of its budget in December, so judgements "
        "use the usual pace.",
    ),
    # the projection and its range, as written on tiles, the overview, the slides and the PDF
    "pace.projected_sentence": (
        "연말 예상 집행률 {point} (범위 {low}~{high})",
        "projected {point} (range {low}–{high})",
    ),
    "pace.projected_sentence.no_range": ("연말 예상 집행률 {point}", "projected {point}"),
    "pace.range_caption": (
        "범위는 지난해들의 같은 시점 비율이 흩어진 정도로 낸 80% 예측 구간입니다.",
        "The range is an 80% prediction interval from how the earlier years' shares at this point spread.",
    ),
    # year-end risk (불용·이월 위험)
    "pace.risk.title": ("연말 목표 미달 위험 사업", "Programmes at risk of missing the year-end target"),
    "pace.risk.caption": (
        "연말 예상 범위의 위쪽 끝도 목표 집행률 {target}에 못 미치는 세부사업입니다. 불용·이월 예상액 = 예산액 − 연말 예상 집행액.",
        "Programmes whose projected range ends below the target rate {target} even at its high end. "
        "Likely unspent or carried over = planned − projected year-end executed.",
    ),
    "pace.risk.none": (
        "연말 목표 집행률 {target}에 못 미칠 것으로 보이는 세부사업이 없습니다.",
        "No programme looks set to end below the target rate {target}.",
    ),
    "pace.risk.no_target": (
        "이 해의 목표 집행률이 없어(목표 자료의 execution_rate) 연말 미달 위험을 판단하지 않습니다.",
        "No target execution rate for this year (execution_rate in the targets data), so year-end risk is not judged.",
    ),
    "pace.col.expected": ("평소 진도 (%)", "Usual pace (%)"),
    "pace.col.low": ("예상 하한 (%)", "Range low (%)"),
    "pace.col.high": ("예상 상한 (%)", "Range high (%)"),
    "pace.col.at_risk": ("불용·이월 예상액 (원)", "Likely unspent or carried over (KRW)"),
    "pace.col.level": ("진도 기준", "Pace learned from"),
    "pace.sheet.risk": ("연말 미달 위험", "Year-end risk"),
    "pace.file.risk": ("예산집행_연말미달위험_{year}.xlsx", "budget_year_end_risk_{year}.xlsx"),
    "pace.sheet.sources": ("재원별 연말 예상", "Projection by source"),
    "pace.file.sources": ("예산집행_재원별연말예상_{year}.xlsx", "budget_projection_by_source_{year}.xlsx"),
    "pace.sources.title": ("재원별 연말 예상", "Year-end projection by funding source"),
    # figures in the source dialog
    "figure.usual_share": ("평소 누적 비율({month}월 말)", "Usual cumulative share (end of month {month})"),
    "figure.year_share": ("{year}년 {month}월 말 누적 비율", "Cumulative share, {year}, end of month {month}"),
    "figure.year_share_interpolated": (
        "{year}년 누적 비율(월말 사이 보간)",
        "Cumulative share, {year} (between month ends)",
    ),
    "figure.year_cum_executed": ("{year}년 1~{month}월 집행액", "Executed January–month {month}, {year}"),
    "figure.year_executed": ("{year}년 연간 집행액", "Executed in {year}"),
    "figure.plan_share": ("월별 계획상 누적 비율", "Cumulative share in the monthly plan"),
    "figure.usual_final_rate": ("평소 연말 집행률", "Usual year-end rate"),
    "figure.expected_rate": ("평소 진도(집행률)", "Usual pace (rate)"),
    "figure.share_bound_low": (
        "누적 비율의 80% 하한(평균 − t × 표준편차 × √(1+1/n))",
        "Share, 80% low end (mean − t × sd × √(1+1/n))",
    ),
    "figure.share_bound_high": (
        "누적 비율의 80% 상한(평균 + t × 표준편차 × √(1+1/n))",
        "Share, 80% high end (mean + t × sd × √(1+1/n))",
    ),
    "figure.projected_low": ("연말 예상 집행액(하한)", "Projected year-end executed (low)"),
    "figure.projected_high": ("연말 예상 집행액(상한)", "Projected year-end executed (high)"),
    "figure.projected_low_rate": ("연말 예상 집행률(하한)", "Projected year-end rate (low)"),
    "figure.projected_high_rate": ("연말 예상 집행률(상한)", "Projected year-end rate (high)"),
    "figure.projected_range": ("연말 예상 집행률의 80% 범위", "80% range of the projected year-end rate"),
    "pace.range_source": ("범위 출처", "Range"),
    "pace.range_line": ("범위 {span} (80% 예측 구간)", "range {span} (80% prediction interval)"),
    "figure.expected_line": ("평소 진도선", "Usual-pace line"),
    "budget.col.expected_line": ("평소 진도 (원)", "Usual pace (KRW)"),
    "figure.at_risk": ("불용·이월 예상액", "Likely unspent or carried over"),
}

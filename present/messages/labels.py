"""Names of configured and common data values (program.toml strategies, event kinds), for `present.i18n.value_label`,
and of programme phases (`present.i18n.phase_label`). A value not listed here is shown as written in both languages."""

MESSAGES = {
    "phase.label": ("{name}", "Phase {number}"),
    "strategy.산업 기반 조성": ("산업 기반 조성", "Industrial foundation"),
    "strategy.핵심 기업 육성": ("핵심 기업 육성", "Growing core companies"),
    "strategy.글로벌 경쟁력 확보": ("글로벌 경쟁력 확보", "Global competitiveness"),
    "strategy.미분류": ("미분류", "Unassigned"),
    "event_kind.착공": ("착공", "Groundbreaking"),
    "event_kind.준공": ("준공", "Completion"),
    "event_kind.개소": ("개소", "Opening"),
    "event_kind.예산": ("예산", "Budget"),
    "event_kind.선정": ("선정", "Selection"),
    "event_kind.협약": ("협약", "Agreement"),
    "event_kind.행사": ("행사", "Event"),
    "event_kind.기타": ("기타", "Other"),
}

"""The programme's fixed facts (phases, strategies, industries, K-Unicorn ladder, data rhythms), read from program.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from metrics.freshness import RHYTHMS

PROGRAM_FILE = Path(__file__).with_name("program.toml")


@dataclass(frozen=True)
class Phase:
    number: int
    name: str
    first_year: int
    last_year: int
    strategies: tuple[str, ...] = ()

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class PaceSettings:
    """How the budget's expected pace and year-end projection are learned ([pace] in program.toml)."""

    # Complete earlier years a programme (or its strategy) needs before its own pattern is used; with fewer, the
    # next level up (strategy, then the whole budget) is used, and with fewer at every level the straight line.
    min_complete_years: int = 3
    # A programme is behind when its execution rate is under its expected pace by more than this (ratio units).
    lagging_gap: float = 0.10
    # True: a year whose rows carry a month-by-month 예산액 (월별 집행계획) takes its pace from that plan even when
    # earlier years are known; False: the plan is used only when there is no history to learn from.
    prefer_monthly_plan: bool = False


@dataclass(frozen=True)
class AgreementSettings:
    """How investment agreements are read and judged ([agreements] in program.toml)."""

    # Words as written (any spacing) → the canonical stage, 구분 and 확인 방법 (loaders/agreements.py).
    status_aliases: dict[str, str] = field(default_factory=dict)
    kind_aliases: dict[str, str] = field(default_factory=dict)
    check_aliases: dict[str, str] = field(default_factory=dict)
    # An agreement at one of `stalled_stages` whose stage has not moved for this many days is 정체
    # (metrics/agreements.py).
    stalled_after_days: int = 365
    stalled_stages: tuple[str, ...] = ("협약", "법인 설립")


@dataclass(frozen=True)
class Program:
    phases: tuple[Phase, ...]
    industries: tuple[str, ...]
    funding_sources: tuple[str, ...]
    funding_aliases: dict[str, str]
    stages: tuple[str, ...]
    stage_floors_krw: tuple[int, ...]
    # 세부사업명 → 추진전략, for budget files without a 추진전략 column (e-호조 and most published tables have none).
    program_strategies: dict[str, str] = field(default_factory=dict)
    # dataset → "monthly" or "quarterly": how often its figures come in (metrics.freshness flags overdue data).
    rhythms: dict[str, str] = field(default_factory=dict)
    pace: PaceSettings = field(default_factory=PaceSettings)
    # A renamed company's old name → its current name ([company_aliases]; metrics/company_key.py joins on them).
    company_aliases: dict[str, str] = field(default_factory=dict)
    agreements: AgreementSettings = field(default_factory=AgreementSettings)

    def phase_of_year(self, year: int) -> int | None:
        """Phase number for a fiscal year, or None outside every phase."""
        for phase in self.phases:
            if phase.covers(year):
                return phase.number
        return None

    def stage_of_valuation(self, valuation_krw: int) -> str:
        """K-Unicorn stage for a valuation in won."""
        stage = self.stages[0]
        for name, floor in zip(self.stages, self.stage_floors_krw, strict=True):
            if valuation_krw >= floor:
                stage = name
        return stage

    def next_stage_floor(self, stage: str) -> int | None:
        """Valuation in won where the stage after `stage` starts (None for the top stage)."""
        index = self.stages.index(stage)
        return self.stage_floors_krw[index + 1] if index + 1 < len(self.stages) else None

    @property
    def strategies(self) -> tuple[str, ...]:
        return tuple(s for phase in self.phases for s in phase.strategies)


def parse_program(text: str) -> Program:
    raw = tomllib.loads(text)
    phases = tuple(
        Phase(
            number=int(p["number"]),
            name=str(p["name"]),
            first_year=int(p["first_year"]),
            last_year=int(p["last_year"]),
            strategies=tuple(p.get("strategies", ())),
        )
        for p in raw["phases"]
    )
    floors = tuple(int(f) for f in raw["k_unicorn"]["floors_krw"])
    stages = tuple(raw["k_unicorn"]["stages"])
    if len(floors) != len(stages) or list(floors) != sorted(floors):
        raise ValueError("k_unicorn: one ascending floor per stage is required")
    rhythms = {str(k): str(v) for k, v in raw.get("rhythm", {}).items()}
    unknown = sorted(f"{k} = {v!r}" for k, v in rhythms.items() if v not in RHYTHMS)
    if unknown:
        raise ValueError(f"rhythm: {', '.join(unknown)}; each rhythm must be one of {', '.join(RHYTHMS)}")
    return Program(
        phases=phases,
        industries=tuple(raw["industries"]["names"]),
        funding_sources=tuple(raw["funding"]["sources"]),
        funding_aliases=dict(raw["funding"].get("aliases", {})),
        stages=stages,
        stage_floors_krw=floors,
        program_strategies={str(k): str(v) for k, v in raw.get("budget", {}).get("program_strategies", {}).items()},
        rhythms=rhythms,
        pace=_pace_settings(raw.get("pace", {})),
        company_aliases={str(k): str(v) for k, v in raw.get("company_aliases", {}).items()},
        agreements=_agreement_settings(raw.get("agreements", {})),
    )


def _agreement_settings(raw: dict) -> AgreementSettings:
    from loaders.contract import AGREEMENT_CHECKS, AGREEMENT_EXITS, AGREEMENT_KINDS, AGREEMENT_STAGES

    def table(name: str, allowed: tuple[str, ...]) -> dict[str, str]:
        aliases = {str(k): str(v) for k, v in raw.get(name, {}).items()}
        wrong = sorted(f"{k} = {v!r}" for k, v in aliases.items() if v not in allowed)
        if wrong:
            raise ValueError(f"agreements.{name}: {', '.join(wrong)}; each must be one of {', '.join(allowed)}")
        return aliases

    settings = AgreementSettings(
        status_aliases=table("status_aliases", AGREEMENT_STAGES + AGREEMENT_EXITS),
        kind_aliases=table("kind_aliases", AGREEMENT_KINDS),
        check_aliases=table("check_aliases", AGREEMENT_CHECKS),
        stalled_after_days=int(raw.get("stalled_after_days", AgreementSettings.stalled_after_days)),
        stalled_stages=tuple(str(s) for s in raw.get("stalled_stages", AgreementSettings.stalled_stages)),
    )
    if settings.stalled_after_days < 1:
        raise ValueError("agreements.stalled_after_days: at least 1 day")
    if not set(settings.stalled_stages) <= set(AGREEMENT_STAGES):
        raise ValueError(f"agreements.stalled_stages: each must be one of {', '.join(AGREEMENT_STAGES)}")
    return settings


def _pace_settings(raw: dict) -> PaceSettings:
    settings = PaceSettings(
        min_complete_years=int(raw.get("min_complete_years", PaceSettings.min_complete_years)),
        lagging_gap=float(raw.get("lagging_gap", PaceSettings.lagging_gap)),
        prefer_monthly_plan=bool(raw.get("prefer_monthly_plan", PaceSettings.prefer_monthly_plan)),
    )
    if settings.min_complete_years < 2:
        raise ValueError("pace.min_complete_years: at least 2 (a range needs the spread of two years)")
    if not 0 < settings.lagging_gap < 1:
        raise ValueError("pace.lagging_gap: a share between 0 and 1 (0.10 = 10%p)")
    return settings


@cache
def load_program(path: Path = PROGRAM_FILE) -> Program:
    return parse_program(path.read_text(encoding="utf-8"))

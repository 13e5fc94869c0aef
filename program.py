"""The programme's fixed facts (phases, strategies, industries, K-Unicorn programmes, data rhythms), read from
program.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


# The figures a K-Unicorn programme's entry criteria are written in (columns of the companies dataset, won).
CRITERIA_MEASURES = ("funding_krw", "valuation_krw")


@dataclass(frozen=True)
class SelectionProgramme:
    """One K-Unicorn programme a company is selected for (아기유니콘, 예비유니콘, G-유니콘): [k_unicorn.programmes]."""

    name: str
    by: str  # who selects ("중소벤처기업부", "광주광역시")
    aliases: tuple[str, ...]  # other spellings accepted in a selections file's 사업명
    apply_months: tuple[int, ...]  # the months applications are taken (1–12)
    select_month: int  # the month the selection is announced: a selection counts from the end of it
    # measure (CRITERIA_MEASURES) → its threshold in won; meeting ANY one qualifies. Empty: criteria not configured.
    criteria: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class KUnicorn:
    """The K-Unicorn ladder as selections ([k_unicorn]): programmes lowest first, and the unicorn status above."""

    ladder: tuple[SelectionProgramme, ...]
    unicorn: str  # the status's name ("유니콘")
    unicorn_floor_krw: int  # an unlisted company valued at this or more is a unicorn
    never_selected: str  # what a company with no selection is called

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.ladder)

    def programme(self, name: str) -> SelectionProgramme:
        return next(p for p in self.ladder if p.name == name)

    def rank(self, stage: object) -> int:
        """A stage's place: never selected 0, the ladder's programmes 1…n (the unicorn status is not a stage)."""
        names = (self.never_selected, *self.names)
        return names.index(stage) if isinstance(stage, str) and stage in names else 0

    def canonical(self, written: str) -> str | None:
        """The programme a 사업명 as written means (its name or a configured alias, ignoring spaces and case)."""
        key = "".join(written.split()).casefold()
        for programme in self.ladder:
            if key in {"".join(n.split()).casefold() for n in (programme.name, *programme.aliases)}:
                return programme.name
        return None

    def estimate_floors(self) -> tuple[int, ...]:
        """Where the valuation estimate bands of never-selected companies are cut: 0, every programme's valuation
        criterion, ascending (the bands stop below the unicorn floor, where the status takes over)."""
        cuts = {p.criteria["valuation_krw"] for p in self.ladder if "valuation_krw" in p.criteria}
        return (0, *sorted(c for c in cuts if 0 < c < self.unicorn_floor_krw))


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
    k_unicorn: KUnicorn
    # 세부사업명 → 추진전략, for budget files without a 추진전략 column (e-호조 and most published tables have none).
    program_strategies: dict[str, str] = field(default_factory=dict)
    # dataset → "monthly" or "quarterly": how often its figures come in (metrics.freshness flags overdue data).
    rhythms: dict[str, str] = field(default_factory=dict)
    pace: PaceSettings = field(default_factory=PaceSettings)
    # A renamed company's old name → its current name ([company_aliases]; metrics/company_key.py joins on them).
    company_aliases: dict[str, str] = field(default_factory=dict)
    agreements: AgreementSettings = field(default_factory=AgreementSettings)
    # The city's time zone (IANA name): every date and time the app shows or compares is in it (clock.py).
    time_zone: str = "Asia/Seoul"

    def phase_of_year(self, year: int) -> int | None:
        """Phase number for a fiscal year, or None outside every phase."""
        for phase in self.phases:
            if phase.covers(year):
                return phase.number
        return None

    @property
    def stages(self) -> tuple[str, ...]:
        """Every stage a company can be on, lowest first: never selected, then the programmes it can be selected
        for (the ladder). The unicorn status is not a stage: it is shown beside it."""
        k = self.k_unicorn
        return (k.never_selected, *k.names)

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
    rhythms = {str(k): str(v) for k, v in raw.get("rhythm", {}).items()}
    unknown = sorted(f"{k} = {v!r}" for k, v in rhythms.items() if v not in RHYTHMS)
    if unknown:
        raise ValueError(f"rhythm: {', '.join(unknown)}; each rhythm must be one of {', '.join(RHYTHMS)}")
    return Program(
        phases=phases,
        industries=tuple(raw["industries"]["names"]),
        funding_sources=tuple(raw["funding"]["sources"]),
        funding_aliases=dict(raw["funding"].get("aliases", {})),
        k_unicorn=_k_unicorn(raw["k_unicorn"]),
        program_strategies={str(k): str(v) for k, v in raw.get("budget", {}).get("program_strategies", {}).items()},
        rhythms=rhythms,
        pace=_pace_settings(raw.get("pace", {})),
        company_aliases={str(k): str(v) for k, v in raw.get("company_aliases", {}).items()},
        agreements=_agreement_settings(raw.get("agreements", {})),
        time_zone=_time_zone(raw.get("city", {})),
    )


def _k_unicorn(raw: dict) -> KUnicorn:
    programmes = raw.get("programmes", {})
    ladder = []
    for name in raw["ladder"]:
        if name not in programmes:
            raise ValueError(f"k_unicorn: programme {name!r} of the ladder has no [k_unicorn.programmes.{name!r}]")
        p = programmes[name]
        criteria = {str(k): int(v) for k, v in p.get("criteria", {}).items()}
        unknown = sorted(set(criteria) - set(CRITERIA_MEASURES))
        months = tuple(int(m) for m in p.get("apply_months", ()))
        select_month = int(p["select_month"])
        if unknown or not all(1 <= m <= 12 for m in (*months, select_month)):
            raise ValueError(
                f"k_unicorn.programmes.{name}: criteria are {', '.join(CRITERIA_MEASURES)} and months 1–12"
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
            )
        ladder.append(
            SelectionProgramme(
                str(name), str(p.get("by", "")), tuple(p.get("aliases", ())), months, select_month, criteria
            )
        )
    extra = sorted(set(programmes) - set(raw["ladder"]))
    if extra:
        raise ValueError(f"k_unicorn: programmes not on the ladder: {', '.join(extra)}")
    return KUnicorn(tuple(ladder), str(raw["unicorn"]), int(raw["unicorn_floor_krw"]), str(raw["never_selected"]))


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


def _time_zone(raw: dict) -> str:
    name = str(raw.get("time_zone", Program.time_zone))
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"city.time_zone: {name!r} is not a time zone name such as 'Asia/Seoul'") from error
    return name


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

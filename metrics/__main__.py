"""Figures from the command line, so anyone can check what the mayor reads:

    python -m metrics backtest [--url STORE_URL | --sample] [--json]
    python -m metrics pipeline [--url STORE_URL | --sample] [--as-of DATE] [--json]

`pipeline` prints the investment agreements' funnel (metrics/agreements.py `summary`) at the snapshot speaking for
--as-of (the latest 기준일 on or before it; default the latest): agreements, invested (투자실적 > 0), companies
(distinct companies among the agreements), resident (입주 or 가동), operating (가동), left (철수 or 해지),
investment_rate (Σ투자실적 ÷ Σ투자계획), jobs_rate (Σ고용실적 ÷ Σ고용계획), by_cohort (협약 연도 → the same counts)
and selections (사업명 → companies whose highest selection it is; {} without a selections dataset). --sample reads
the bundled data/agreements.xlsx and its earlier snapshots in data/history/.

`backtest`:
Replays every complete year of the stored budget (metrics/pace.py `backtest`): at the end of each month 3–11 it
projects the year-end from that year's rows up to the month, learning only from the complete years before it,
and prints each case (year, month, actual, projected, 80% range, run-rate projection) and the summary: the mean
absolute error of the seasonal projection and of the run rate, and the share of cases whose range held the actual.
Store: --url, else env AICD_STORE_URL, else [connections.store] url in .streamlit/secrets.toml, else var/store.sqlite;
--sample reads the bundled data/budget.xlsx instead. Exits 1 with a Korean reason when there is no budget.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1
SAMPLE_BUDGET = Path(__file__).resolve().parents[1] / "data" / "budget.xlsx"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m metrics", description="예산 연말 예상의 과거 검증(backtest)")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("backtest", help="완결된 해마다 3~11월 말 시점의 연말 예상을 실제와 비교")
    source = run.add_mutually_exclusive_group()
    source.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    source.add_argument("--sample", action="store_true", help="저장소 대신 포함된 샘플 data/budget.xlsx")
    run.add_argument("--json", action="store_true", help="JSON으로 출력 (cases, summary)")
    funnel = commands.add_parser("pipeline", help="투자협약 이행 현황(협약→법인 설립→입주→가동, 철수·해지)")
    funnel_source = funnel.add_mutually_exclusive_group()
    funnel_source.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    funnel_source.add_argument("--sample", action="store_true", help="저장소 대신 포함된 샘플 data/agreements.xlsx")
    funnel.add_argument("--as-of", dest="as_of", help="기준일 (YYYY-MM-DD; 그날 이전의 가장 최근 기준일 자료)")
    funnel.add_argument("--json", action="store_true", help="JSON으로 출력")
    args = parser.parse_args(argv)
    if args.command == "pipeline":
        return _pipeline(args)

    import pandas as pd

    from program import load_program

    from .as_of import data_as_of
    from .budget import prepare
    from .pace import backtest

    frame, uploaded = _budget(args.url, args.sample)
    if frame is None or frame.empty:
        print(
            "오류: 예산 자료가 없어 검증할 수 없습니다. 먼저 예산 파일을 올리거나 --sample을 쓰세요.", file=sys.stderr
        )
        return EXIT_FAILED
    program = load_program()
    budget = prepare(frame, program)
    result = backtest(budget, program.pace, data_as_of("budget", frame, uploaded))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    table = pd.DataFrame(
        [
            {
                "연도": c.year,
                "월": c.month,
                "실제": _pct(c.actual_rate),
                "예상": _pct(c.projected_rate),
                "범위": f"{_pct(c.low_rate)}~{_pct(c.high_rate)}",
                "범위 안": "예" if c.held else "아니오",
                "직선(월평균) 예상": _pct(c.run_rate_projection),
            }
            for c in result.cases
        ]
    )
    print(table.to_string(index=False) if len(table) else "검증할 수 있는 완결된 해가 없습니다.")
    print()
    print(
        f"경우 {len(result.cases)}개 · 평균 절대 오차: 평소 진도 {_pct(result.mae, 'p')}, 직선 {_pct(result.mae_run_rate, 'p')}"
    )
    print(f"80% 범위가 실제를 담은 비율: {_pct(result.coverage)}")
    if result.skipped:
        from present.i18n import translate

        skipped = (translate(f"pace.left_out.{reason}", "ko", year=year) for year, reason in result.skipped)
        print("검증하지 않은 해: " + ", ".join(skipped))
    return EXIT_OK


def _budget(url: str | None, sample: bool):
    """The stored budget's latest version (or the bundled sample) and the date it was stored."""
    import clock

    if sample:
        from loaders import load_file

        return load_file(SAMPLE_BUDGET.read_bytes(), SAMPLE_BUDGET.name, dataset="budget").frame, clock.today()
    from store import open_store
    from store.settings import configured_url

    store = open_store(configured_url(url))
    try:
        version = store.latest("budget")
        if version is None:
            return None, clock.today()
        return store.frame(version), version.uploaded_on
    finally:
        store.close()


def _pipeline(args: argparse.Namespace) -> int:
    import datetime as dt

    from .agreements import summary

    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            print(f"오류: 기준일 '{args.as_of}'을(를) 읽을 수 없습니다. 2026-06-30처럼 적어 주세요.", file=sys.stderr)
            return EXIT_FAILED
    from loaders.contract import DATASETS

    # the datasets the pipeline page reads (the registry says which): its funnel and its selections, as the page shows
    on_the_page = tuple(name for name, dataset in DATASETS.items() if any(s.on == "pipeline" for s in dataset.pages))
    frames = _stored_frames(args.url, args.sample, on_the_page)
    agreements = frames.get("agreements")
    if agreements is None or agreements.empty:
        print("오류: 투자협약 자료가 없습니다. 먼저 투자협약 이행 파일을 올리거나 --sample을 쓰세요.", file=sys.stderr)
        return EXIT_FAILED
    from program import load_program

    from .company_key import company_keys

    program = load_program()
    # the same key as the page and the slide: companies told apart by what the agreements themselves say
    keys = company_keys(agreements, aliases=program.company_aliases)
    result = summary(agreements, as_of, keys)
    if result.as_of is None:
        print(f"오류: {as_of} 또는 그 이전 기준일의 투자협약 자료가 없습니다.", file=sys.stderr)
        return EXIT_FAILED
    result = replace(result, selections=_selection_counts(frames.get("selections"), result.as_of))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_pipeline_text(result))
    return EXIT_OK


def _selection_counts(selections, as_of) -> dict[str, int]:
    """사업명 → companies whose highest K-Unicorn selection it is at `as_of`; {} while the registry has no
    selections dataset (it comes with metrics/selections.py, issue #35 item 3)."""
    import importlib

    from loaders.contract import DATASETS
    from program import load_program

    if "selections" not in DATASETS:
        return {}
    counted = importlib.import_module("metrics.selections").highest_selection_counts
    return dict(counted(selections, as_of, load_program()))


def _pipeline_text(result) -> str:
    t = result.totals
    lines = [
        f"투자협약 이행 현황 (기준일 {result.as_of:%Y. %-m. %-d.})",
        f"협약 {t.agreements:,}건 (기업 {t.companies:,}곳) · 투자 실적이 있는 협약 {t.invested:,}건",
        f"입주·가동 {t.resident:,}건 (가동 {t.operating:,}건) · 철수·해지 {t.left:,}건",
        f"이행률: 투자 {_pct(result.investment_rate)} (투자실적 ÷ 투자계획), 고용 {_pct(result.jobs_rate)} (고용실적 ÷ 고용계획)",
        "",
        "협약 연도  협약  투자실적有  입주·가동  가동  철수·해지",
    ]
    for year, c in sorted(result.by_cohort.items()):
        lines.append(f"{year}      {c.agreements:>4}  {c.invested:>10}  {c.resident:>9}  {c.operating:>4}  {c.left:>9}")
    if result.selections:
        lines.append("")
        lines.append("최고 선정 단계별 기업: " + ", ".join(f"{k} {v}곳" for k, v in result.selections.items()))
    return "\n".join(lines)


def _stored_frames(url: str | None, sample: bool, datasets: tuple[str, ...]) -> dict:
    """dataset → its whole stored frame (every snapshot), for the datasets that exist and have data; --sample: the
    bundled files (each history file, then the current one, as seeding stores them)."""
    import pandas as pd

    from loaders.columns import with_all_columns
    from loaders.contract import DATASETS

    wanted = [name for name in datasets if name in DATASETS]
    frames = {}
    if sample:
        from loaders import load_file

        data = SAMPLE_BUDGET.parent
        for name in wanted:
            sample_file = DATASETS[name].sample_file
            paths = sorted((data / "history").glob(f"{name}_*"))
            if sample_file:
                paths.append(data / sample_file)
            loaded = [load_file(p.read_bytes(), p.name, dataset=name) for p in paths if p.is_file()]
            parts = [with_all_columns(name, r.frame) for r in loaded if r.ok]
            if parts:
                frames[name] = _later_files_win(name, pd.concat(parts, ignore_index=True))
        return frames
    from store import open_store
    from store.settings import configured_url

    store = open_store(configured_url(url))
    try:
        for name in wanted:
            version = store.latest(name)
            if version is not None:
                frames[name] = store.frame(version)
    finally:
        store.close()
    return frames


def _later_files_win(name: str, frame):
    """Rows of later files replace earlier files' rows of the same period (as a period import does)."""
    from loaders.contract import DATASETS

    period = [c for c in DATASETS[name].period if c in frame.columns]
    if not period:
        return frame
    return frame.drop_duplicates(subset=list(DATASETS[name].key), keep="last").reset_index(drop=True)


def _pct(value: float | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value * 100:.1f}%{suffix}"


if __name__ == "__main__":
    sys.exit(main())

"""The budget projection's backtest from the command line, so anyone can check the year-end figures the mayor reads:

    python -m metrics backtest [--url STORE_URL | --sample] [--json]

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
    args = parser.parse_args(argv)

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


def _pct(value: float | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value * 100:.1f}%{suffix}"


if __name__ == "__main__":
    sys.exit(main())

"""Server time of one rerun of each page with ten times the sample data.

Goal (issue #23): under 60 ms per page rerun on this machine, with the data read once and shared between
sessions (frames are cached by version id), not once per visitor. Beside the wall-clock median, the median CPU time
of the process over a rerun (the page's script and AppTest's own work), which another job on the machine inflates
far less. Run: .venv/bin/python bench/bench_pages.py [--scale 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from loaders import LoadResult, load_file  # noqa: E402

GOAL_MS = 60  # rerun median per page (issue #23)
# Pages measured, as app.py routes them; one that does not exist yet is reported, not skipped silently.
PAGES = ["overview", "budget", "jobs", "pipeline", "map", "changes", "briefing_deck"]
SAMPLE_FILES = {
    "budget": "budget.xlsx",
    "jobs": "jobs.csv",
    "companies": "companies.csv",
    "sites": "sites.xlsx",
    "targets": "targets.csv",
    "events": "events.csv",
    "agreements": "agreements.xlsx",
}
# Columns renamed per copy so the copies are distinct rows under each dataset's key.
NAME_COLUMNS = {"budget": "program", "jobs": "company", "companies": "company", "agreements": "company"}


def scaled(dataset: str, frame: pd.DataFrame, scale: int) -> pd.DataFrame:
    column = NAME_COLUMNS.get(dataset)
    if column is None or scale == 1:
        return frame
    copies = [frame.assign(**{column: frame[column] + ("" if k == 0 else f" {k + 1}호")}) for k in range(scale)]
    result = pd.concat(copies, ignore_index=True)
    return result.assign(source_row=range(2, 2 + len(result)))


def build_store(url: str, scale: int) -> dict[str, int]:
    from store import open_store

    store = open_store(url)
    rows = {}
    for dataset, name in SAMPLE_FILES.items():
        data = (REPO / "data" / name).read_bytes()
        loaded = load_file(data, name)
        frame = scaled(dataset, loaded.frame, scale)
        result = LoadResult(
            name, dataset, frame=frame, sheet=loaded.sheet, written={int(r): {} for r in frame["source_row"]}
        )
        store.save_version(result, data, user="bench")
        rows[dataset] = len(frame)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="aicd-bench-")
    url = f"sqlite:///{folder}/store.sqlite"
    os.environ["AICD_STORE_URL"] = url
    rows = build_store(url, args.scale)
    print(f"store with {args.scale}x sample data: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))

    from streamlit.testing.v1 import AppTest

    os.chdir(REPO)
    for page in PAGES:
        path = REPO / "views" / f"{page}.py"
        if not path.exists():
            print(f"{page:10s} (no page yet)")
            continue
        app = AppTest.from_file(str(path), default_timeout=120)
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        if app.exception:
            print(f"{page:10s} EXCEPTION: {app.exception[0].value}")
            continue
        times, cpu = [], []
        for _ in range(args.runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            app.run()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        median = statistics.median(times) * 1000
        verdict = "ok" if median < GOAL_MS else "SLOW"
        print(
            f"{page:10s} first run {first * 1000:7.0f} ms (reads the store once) · rerun median {median:6.0f} ms "
            f"(max {max(times) * 1000:.0f}, CPU {statistics.median(cpu) * 1000:.0f}) {verdict}"
        )


if __name__ == "__main__":
    main()

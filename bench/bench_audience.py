"""A briefing audience: 30 viewers open the overview within a few seconds, then each switches pages.

Starts the app (`streamlit run server.py`, loopback only, its own store seeded with the sample data), warms it with
one viewer (the server was up before the meeting), then opens N websocket sessions speaking Streamlit's own
protocol, as the browser does: BackMsg.rerun_script on connect (the overview at /), then rerun_script with another
page's script hash (a click in the menu). For every page load it times

    first content  — sending the request → the first element of the page (ForwardMsg.delta new_element)
    complete       — sending the request → script_finished

and it counts errors (an exception element, a failed script, page not found, a timeout or a dropped connection).
Server memory is the server process's resident set (VmRSS) after the warm-up viewer and with all N connected.

With --bare, the same audience (same sessions, ramp, number of loads and think time) then opens a trivial page
(bench/bare/page.py) served by its own `streamlit run` in the same run, and the report prints the app's and the bare
page's p50/p95 of first content and complete page, and their ratio: on a shared machine the ratio is the honest
figure. CPU milliseconds per page view = the server process's CPU time (user + system) during the audience ÷ loads.

Goal on the 2-core machine: p95 first content < 5 s and complete page < 8 s, no error, memory per extra session < 5 MB.
Run: .venv/bin/python bench/bench_audience.py [--sessions 30] [--ramp 3] [--pages budget,jobs,briefing] [--think 1]
     [--bare]
Prints whether the goals are met; exits 1 only on errors (like the other benches, a slow result is reported, not
fatal to `make bench`). Everything is bounded: each load times out after --timeout seconds, the server is
stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

GOAL_P95_S = 5.0  # first content
GOAL_COMPLETE_P95_S = 8.0  # complete page
BARE_PAGE = "bench/bare/page.py"
GOAL_MB_PER_SESSION = 5.0


@dataclass
class Load:
    page: str
    first_content: float | None = None
    complete: float | None = None
    error: str | None = None


@dataclass
class Viewer:
    loads: list[Load] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, data_dir: str, log_path: Path, script: str = "server.py") -> subprocess.Popen:
    command = [
        PYTHON, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, "AICD_DATA_DIR": data_dir, "PYTHONUNBUFFERED": "1"}
    env.pop("AICD_STORE_URL", None)
    log = open(log_path, "wb")  # noqa: SIM115 - the server process writes to it for as long as it runs
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(proc: subprocess.Popen, port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server not healthy within {timeout} s")


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (user + system), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14 and 15)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------------------------- a viewer


class Session:
    """One browser tab, as Streamlit's frontend speaks to the server."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout
        self.pages: dict[str, str] = {}  # url_pathname → page_script_hash
        self.ws = None

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=2**26,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def load(self, page: str) -> Load:
        """Ask for `page` ('' = the overview at /) and read until its script finishes."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        result = Load(page or "home")
        state = ClientState(
            query_string="", page_script_hash=self.pages.get(page, ""),
            context_info=ContextInfo(timezone="Asia/Seoul", timezone_offset=-540, locale="ko-KR",
                                     url=f"{self.url}/{page}"),
        )  # fmt: skip
        if page and not state.page_script_hash:
            result.error = f"unknown page {page}"
            return result
        message = BackMsg(rerun_script=state)
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.error = "timeout"
                return result
            try:
                raw = await asyncio.wait_for(self.ws.recv(), remaining)
            except TimeoutError:
                result.error = "timeout"
                return result
            except Exception as error:  # deliberately broad: a dropped connection is an error to count
                result.error = f"connection: {type(error).__name__}"
                return result
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    result.error = f"exception: {element.exception.message[:120]}"
                if result.first_content is None:
                    result.first_content = time.perf_counter() - started
            elif kind == "page_not_found":
                result.error = "page not found"
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.error = "compile error"
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    result.complete = time.perf_counter() - started
                    return result
                # FINISHED_EARLY_FOR_RERUN (e.g. a page's own st.rerun / switch_page): keep reading


async def viewer(
    url: str,
    delay: float,
    pages: list[str],
    think: float,
    timeout: float,
    opened: asyncio.Event,
    count: list[int],
    total: int,
    hold: asyncio.Event,
    result: Viewer,
) -> Session | None:
    await asyncio.sleep(delay)
    session = Session(url, timeout)
    try:
        await session.open()
    except Exception as error:  # deliberately broad: counted as an error
        result.loads.append(Load("home", error=f"connect: {type(error).__name__}"))
        count[0] += 1
        if count[0] == total:
            opened.set()
        return None
    result.loads.append(await session.load(""))
    count[0] += 1
    if count[0] == total:
        opened.set()
    await hold.wait()  # everyone has the overview: now the audience clicks around
    for page in pages:
        await asyncio.sleep(random.uniform(0.5, 1.5) * think)
        result.loads.append(await session.load(page))
    return session


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


async def audience(
    urls: list[str], pids: list[int], sessions: int, ramp: float, pages: list[str], think: float, timeout: float
):
    """The sessions, spread over the replicas in turn (a websocket stays on the replica it opened on, as behind a
    proxy with sticky sessions)."""
    opened, hold = asyncio.Event(), asyncio.Event()
    count = [0]
    viewers = [Viewer() for _ in range(sessions)]
    tasks = [
        asyncio.create_task(viewer(urls[i % len(urls)], ramp * i / max(1, sessions - 1), pages, think, timeout, opened,
                                   count, sessions, hold, viewers[i]))
        for i in range(sessions)
    ]  # fmt: skip
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    started = time.perf_counter()
    await opened.wait()
    ramp_done = time.perf_counter() - started
    rss_connected = sum(rss_mb(pid) for pid in pids)
    hold.set()
    open_sessions = await asyncio.gather(*tasks)
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    rss_after = sum(rss_mb(pid) for pid in pids)
    for session in open_sessions:
        if session is not None:
            await session.close()
    return viewers, ramp_done, rss_connected, rss_after, cpu


async def warm(url: str, pages: list[str], timeout: float) -> list[Load]:
    session = Session(url, timeout)
    await session.open()
    loads = [await session.load("")]
    for page in pages:
        loads.append(await session.load(page))
    await session.close()
    return loads


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve_audience(script: str, replicas: int, data_dir: str, args, warm_pages: list[str], pages: list[str]):
    """Start `script` (replicas × streamlit run), warm it with one viewer, run the audience, stop it."""
    ports = [free_port() for _ in range(replicas)]
    tag = Path(script).stem
    procs = [start_server(port, data_dir, Path(data_dir) / f"{tag}-{port}.log", script) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for proc, port in zip(procs, ports, strict=True):
            wait_healthy(proc, port)
        pids = [proc.pid for proc in procs]
        rss_idle = sum(rss_mb(pid) for pid in pids)
        cold = [load for url in urls for load in asyncio.run(warm(url, warm_pages, args.timeout))]
        rss_one = sum(rss_mb(pid) for pid in pids)
        viewers, ramp_done, rss_connected, rss_after, cpu = asyncio.run(
            audience(urls, pids, args.sessions, args.ramp, pages, args.think, args.timeout)
        )
    finally:
        stop(procs)
    return cold, viewers, ramp_done, (rss_idle, rss_one, rss_connected, rss_after), cpu


def quantiles(loads: list[Load]) -> tuple[float, float, float, float]:
    """p50 and p95 of first content, then of the complete page, over the loads that showed something."""
    first = [load.first_content for load in loads if load.first_content is not None]
    complete = [load.complete for load in loads if load.complete is not None]
    return (percentile(first, 0.5), percentile(first, 0.95), percentile(complete, 0.5), percentile(complete, 0.95))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=3.0, help="seconds over which the sessions open")
    parser.add_argument("--pages", default="budget,jobs,briefing", help="pages each viewer then opens, in order")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a viewer's clicks")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one page load may take")
    parser.add_argument("--replicas", type=int, default=1, help="app processes on one store (as behind nginx)")
    parser.add_argument("--bare", action="store_true", help="also serve a trivial page the same way; report ratios")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]
    random.seed(14)
    load_before = os.getloadavg()  # other work on the machine (the cores may be shared)

    data_dir = tempfile.mkdtemp(prefix="aicd-audience-")
    cold, viewers, ramp_done, rss, cpu = serve_audience("server.py", args.replicas, data_dir, args, pages, pages)
    rss_idle, rss_one, rss_connected, rss_after = rss
    load_between = os.getloadavg()
    bare = None
    if args.bare:  # the same audience on a trivial page: as many loads per viewer ('' reloads the one page)
        random.seed(14)
        bare = serve_audience(BARE_PAGE, 1, data_dir, args, [], [""] * len(pages))
    load_after = os.getloadavg()

    print(
        f"server: {args.replicas} × streamlit run server.py on 127.0.0.1, one store with the sample data, "
        f"{os.cpu_count()} CPU cores; load average (1/5/15 min) before {'/'.join(f'{x:.1f}' for x in load_before)}, "
        f"after the app {'/'.join(f'{x:.1f}' for x in load_between)}"
        + (f", after the bare page {'/'.join(f'{x:.1f}' for x in load_after)}" if bare else "")
    )
    print(
        "warm-up viewer (cold caches): "
        + ", ".join(
            f"{load.page} {load.complete:.2f} s" if load.complete else f"{load.page} {load.error}" for load in cold
        )
    )
    loads = [load for v in viewers for load in v.loads]
    errors = [load for load in loads if load.error]
    print(
        f"{args.sessions} sessions opened within {args.ramp:.0f} s (all overviews shown after {ramp_done:.1f} s), "
        f"then each opened {', '.join(pages)}"
    )
    worst_first, worst_complete = 0.0, 0.0
    for page in ["home", *pages]:
        done = [load for load in loads if load.page == page and load.first_content is not None]
        first = [load.first_content for load in done]
        complete = [load.complete for load in done if load.complete is not None]
        if not first:
            print(f"  {page:10s} no successful load")
            worst_first = float("inf")
            continue
        p95 = percentile(first, 0.95)
        worst_first = max(worst_first, p95)
        worst_complete = max(worst_complete, percentile(complete, 0.95))
        print(
            f"  {page:10s} first content p50 {percentile(first, 0.5):5.2f} s  p95 {p95:5.2f} s  max {max(first):5.2f} s"
            f"   complete p50 {percentile(complete, 0.5):5.2f} s  p95 {percentile(complete, 0.95):5.2f} s  (n={len(first)})"
        )
    everything = [load.first_content for load in loads if load.first_content is not None]
    print(
        f"  all loads  first content p50 {percentile(everything, 0.5):.2f} s, p95 {percentile(everything, 0.95):.2f} s, "
        f"mean {statistics.fmean(everything):.2f} s; errors {len(errors)}"
    )
    for load in errors[:10]:
        print(f"    error on {load.page}: {load.error}")
    print(f"  server CPU {cpu:.1f} s for {len(loads)} page views: {cpu * 1000 / max(1, len(loads)):.0f} ms per view")
    if bare is not None:
        bare_loads = [load for v in bare[1] for load in v.loads]
        bare_errors = [load for load in bare_loads if load.error]
        bare_cpu = bare[4]
        app_q, bare_q = quantiles(loads), quantiles(bare_loads)
        print(f"app vs the bare page, same audience ({len(loads)} and {len(bare_loads)} loads):")
        print("                  first content p50   p95     complete p50    p95    CPU ms/view")
        app_ms, bare_ms = cpu * 1000 / max(1, len(loads)), bare_cpu * 1000 / max(1, len(bare_loads))
        print(
            f"  app           {app_q[0]:10.2f} s {app_q[1]:6.2f} s {app_q[2]:12.2f} s {app_q[3]:6.2f} s {app_ms:10.0f}"
        )
        print(
            f"  bare page     {bare_q[0]:10.2f} s {bare_q[1]:6.2f} s {bare_q[2]:12.2f} s {bare_q[3]:6.2f} s {bare_ms:10.0f}"
            + (f"   ({len(bare_errors)} errors)" if bare_errors else "")
        )
        ratios = [a / b if b > 0 else float("nan") for a, b in zip(app_q, bare_q, strict=True)]
        print(
            f"  ratio         {ratios[0]:10.1f} × {ratios[1]:6.1f} × {ratios[2]:12.1f} × {ratios[3]:6.1f} × "
            f"{app_ms / bare_ms if bare_ms else float('nan'):10.1f} ×"
        )
    per_session = (rss_connected - rss_one) / max(1, args.sessions)
    print(
        f"server RSS (all replicas): idle {rss_idle:.0f} MB, after one viewer {rss_one:.0f} MB, with {args.sessions} sessions "
        f"{rss_connected:.0f} MB (+{per_session:.2f} MB per session), after the page switches {rss_after:.0f} MB "
        f"(+{(rss_after - rss_one) / max(1, args.sessions):.2f} MB per session)"
    )
    missed = []
    if worst_first >= GOAL_P95_S:
        missed.append(f"first content p95 {worst_first:.2f} s ≥ {GOAL_P95_S} s")
    if worst_complete >= GOAL_COMPLETE_P95_S:
        missed.append(f"complete page p95 {worst_complete:.2f} s ≥ {GOAL_COMPLETE_P95_S} s")
    if errors:
        missed.append(f"{len(errors)} errors")
    if (rss_after - rss_one) / max(1, args.sessions) >= GOAL_MB_PER_SESSION:
        missed.append(f"memory per session ≥ {GOAL_MB_PER_SESSION} MB")
    print("goals met" if not missed else "GOALS MISSED: " + "; ".join(missed))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

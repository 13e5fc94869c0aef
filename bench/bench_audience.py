"""A briefing audience: 30 viewers open the overview within a few seconds, then each switches pages.

Starts the app (`streamlit run server.py`, loopback only, its own store seeded with the sample data), warms it with
one viewer (the server was up before the meeting), then opens N websocket sessions speaking Streamlit's own
protocol, as the browser does: BackMsg.rerun_script on connect (the overview at /), then rerun_script with another
page's script hash (a click in the menu). For every page load it times

    first content  — sending the request → the first element of the page (ForwardMsg.delta new_element)
    complete       — sending the request → script_finished

and it counts errors (an exception element, a failed script, page not found, a timeout or a dropped connection).
Server memory is the server process's resident set (VmRSS) after the warm-up viewer and with all N connected.

Goal on the 2-core machine: p95 first content < 5 s (checked against the complete page too), no error, memory per
extra session < 5 MB.
Run: .venv/bin/python bench/bench_audience.py [--sessions 30] [--ramp 3] [--pages budget,jobs,briefing] [--think 1]
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

GOAL_P95_S = 5.0
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


def start_server(port: int, data_dir: str, log_path: Path) -> subprocess.Popen:
    command = [
        PYTHON, "-m", "streamlit", "run", "server.py", "--server.port", str(port), "--server.address", "127.0.0.1",
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
    started = time.perf_counter()
    await opened.wait()
    ramp_done = time.perf_counter() - started
    rss_connected = sum(rss_mb(pid) for pid in pids)
    hold.set()
    open_sessions = await asyncio.gather(*tasks)
    rss_after = sum(rss_mb(pid) for pid in pids)
    for session in open_sessions:
        if session is not None:
            await session.close()
    return viewers, ramp_done, rss_connected, rss_after


async def warm(url: str, pages: list[str], timeout: float) -> list[Load]:
    session = Session(url, timeout)
    await session.open()
    loads = [await session.load("")]
    for page in pages:
        loads.append(await session.load(page))
    await session.close()
    return loads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=3.0, help="seconds over which the sessions open")
    parser.add_argument("--pages", default="budget,jobs,briefing", help="pages each viewer then opens, in order")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a viewer's clicks")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one page load may take")
    parser.add_argument("--replicas", type=int, default=1, help="app processes on one store (as behind nginx)")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]
    random.seed(14)
    load_before = os.getloadavg()[0]  # other work on the machine (the cores may be shared)

    data_dir = tempfile.mkdtemp(prefix="aicd-audience-")
    ports = [free_port() for _ in range(args.replicas)]
    procs = [start_server(port, data_dir, Path(data_dir) / f"server-{port}.log") for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for proc, port in zip(procs, ports, strict=True):
            wait_healthy(proc, port)
        pids = [proc.pid for proc in procs]
        rss_idle = sum(rss_mb(pid) for pid in pids)
        cold = [load for url in urls for load in asyncio.run(warm(url, pages, args.timeout))]
        rss_one = sum(rss_mb(pid) for pid in pids)
        viewers, ramp_done, rss_connected, rss_after = asyncio.run(
            audience(urls, pids, args.sessions, args.ramp, pages, args.think, args.timeout)
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    print(
        f"server: {args.replicas} × streamlit run server.py on 127.0.0.1, one store with the sample data, "
        f"{os.cpu_count()} CPU cores (load average before: {load_before:.1f})"
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
    worst_p95 = 0.0
    for page in ["home", *pages]:
        done = [load for load in loads if load.page == page and load.first_content is not None]
        first = [load.first_content for load in done]
        complete = [load.complete for load in done if load.complete is not None]
        if not first:
            print(f"  {page:10s} no successful load")
            worst_p95 = float("inf")
            continue
        p95 = percentile(first, 0.95)
        worst_p95 = max(worst_p95, p95, percentile(complete, 0.95))  # the goal holds for the whole page too
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
    per_session = (rss_connected - rss_one) / max(1, args.sessions)
    print(
        f"server RSS (all replicas): idle {rss_idle:.0f} MB, after one viewer {rss_one:.0f} MB, with {args.sessions} sessions "
        f"{rss_connected:.0f} MB (+{per_session:.2f} MB per session), after the page switches {rss_after:.0f} MB "
        f"(+{(rss_after - rss_one) / max(1, args.sessions):.2f} MB per session)"
    )
    missed = []
    if worst_p95 >= GOAL_P95_S:
        missed.append(f"p95 (first content or complete page) {worst_p95:.2f} s ≥ {GOAL_P95_S} s")
    if errors:
        missed.append(f"{len(errors)} errors")
    if (rss_after - rss_one) / max(1, args.sessions) >= GOAL_MB_PER_SESSION:
        missed.append(f"memory per session ≥ {GOAL_MB_PER_SESSION} MB")
    print("goals met" if not missed else "GOALS MISSED: " + "; ".join(missed))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

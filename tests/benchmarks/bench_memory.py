"""Benchmark: a million jobs created from a specification and initialized, as a user does it.

    python tests/benchmarks/bench_memory.py            # 1,000,000 jobs, file and in-memory DB
    python tests/benchmarks/bench_memory.py --quick    # 5,000 jobs, to check that it runs
    python tests/benchmarks/bench_memory.py --jobs 200000 --database file

For each database (a file, then `:memory:`) a fresh server starts, `torc create SPEC` creates
a parameterized specification of N jobs (`i: "1:N"`, command `true`) and `torc workflows
initialize ID` starts its run; both are the installed command in a subprocess. One line per
database (`memory_file`, `memory_in_memory`): wall time of each command and end to end, the
server's CPU time in each, the server's peak RSS (VmHWM) after each, each command's peak RSS, and
the slowest `/health` answer while they ran (the server stays responsive, or does not); then the
time of `torc workflows delete ID`.
Targets (issue 17): peak server RSS < 500 MB and < 20 s end to end for 1,000,000 jobs on a file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from procstat import tree_peak_rss

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # tests/conftest.py

FULL_JOBS = 1_000_000
QUICK_JOBS = 5_000
TARGET_RSS = 500 * 10**6
TARGET_SECONDS = 20.0
TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]


def spec_text(jobs: int) -> str:
    return f"""name: memory_benchmark_{jobs}
description: {jobs:,} independent parameterized jobs
jobs:
  - name: job_{{i:07d}}
    command: "true"
    resource_requirements: small
    cancel_on_blocking_job_failure: false
    parameters:
      i: "1:{jobs}"
resource_requirements:
  - name: small
    num_cpus: 1
    memory: 1g
    runtime: PT10M
"""


@dataclass
class Command:
    wall: float
    cpu: float  # seconds of CPU the command used (user + system)
    peak_rss: int  # bytes, the command's own (ru_maxrss of the child)
    stdout: str


def run_cli(args: list[str], env: dict[str, str]) -> Command:
    """Run `torc ARGS` to completion; its wall time and peak RSS (from wait4's rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([*TORC, *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"torc {' '.join(args)} exited {proc.returncode}: {stderr[-2000:]}")
    return Command(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, stdout)


@dataclass
class HealthWatch:
    """Asks /health every 0.2 s from a thread; keeps the slowest answer."""

    url: str
    slowest: float = 0.0
    asked: int = 0
    failed: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> HealthWatch:
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join(timeout=120)

    def _watch(self) -> None:
        with httpx.Client(timeout=120.0) as http:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    http.get(f"{self.url}/health").raise_for_status()
                except httpx.HTTPError:
                    self.failed += 1
                self.asked += 1
                self.slowest = max(self.slowest, time.perf_counter() - started)
                self._stop.wait(0.2)


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _server_cpu(server: Any) -> float:
    main = psutil.Process(server.process.pid)
    total = 0.0
    for proc in [main, *main.children(recursive=True)]:
        times = proc.cpu_times()
        total += times.user + times.system
    return total


def _server_peak(server: Any) -> int:
    return tree_peak_rss(server.process.pid)


def measure(database: str, jobs: int, figure: Callable[[str], None]) -> bool:
    """One fresh server on `database` ("file" or "memory"); print its figure line."""
    from conftest import start_server, stop_server

    name = "memory_file" if database == "file" else "memory_in_memory"
    with tempfile.TemporaryDirectory(prefix="torc-bench-memory-") as tmp:
        spec = Path(tmp) / "million.yaml"
        spec.write_text(spec_text(jobs))
        db = Path(tmp) / "bench.db" if database == "file" else Path(":memory:")
        server = start_server(db, "--log-level", "error")
        env = {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
        env.update(HOME=tmp, XDG_CONFIG_HOME=str(Path(tmp) / ".config"))
        url = ["--url", server.url]
        try:
            at_start = _server_peak(server)
            with HealthWatch(server.url) as health:
                cpu0 = _server_cpu(server)
                created = run_cli([*url, "-f", "json", "create", str(spec)], env)
                cpu1 = _server_cpu(server)
                after_create = _server_peak(server)
                workflow_id = json.loads(created.stdout)["workflow_id"]
                initialized = run_cli(
                    [*url, "workflows", "initialize", str(workflow_id), "--no-prompts"], env
                )
                cpu2 = _server_cpu(server)
            after_init = _server_peak(server)
            ready = httpx.get(
                f"{server.url}/jobs",
                params={"workflow_id": workflow_id, "status": "ready", "limit": 0},
                timeout=120,
            ).json()["total_count"]
            deleted = run_cli(
                [*url, "workflows", "delete", str(workflow_id), "--no-prompts", "--force"], env
            )
        except Exception as exc:
            figure(f"{name}: FAILED ({type(exc).__name__}: {exc})")
            return False
        finally:
            stop_server(server)
    if ready != jobs:
        figure(f"{name}: FAILED ({ready:,} of {jobs:,} jobs ready after initialize)")
        return False
    total = created.wall + initialized.wall
    target = ""
    if jobs == FULL_JOBS:
        target = f"; targets < {_mib(TARGET_RSS)} and < {TARGET_SECONDS:g} s on a file"
    figure(
        f"{name}: {total:.1f} s end to end for {jobs:,} jobs (torc create {created.wall:.1f} s, "
        f"CPU: client {created.cpu:.1f} s, server {cpu1 - cpu0:.1f} s; torc workflows initialize "
        f"{initialized.wall:.1f} s, CPU: client {initialized.cpu:.1f} s, server "
        f"{cpu2 - cpu1:.1f} s); server peak RSS {_mib(after_init)} (at start "
        f"{_mib(at_start)}, after create {_mib(after_create)}); client peak RSS: create "
        f"{_mib(created.peak_rss)}, initialize {_mib(initialized.peak_rss)}; slowest /health "
        f"{health.slowest:.1f} s of {health.asked} ({health.failed} failed){target}; then "
        f"torc workflows delete {deleted.wall:.1f} s"
    )
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        figure(
            f"  # load average {load:.1f} on {os.cpu_count()} CPUs: the wall times above are high"
        )
    return True


def run(
    *,
    quick: bool = False,
    figure: Callable[[str], None] = print,
    jobs: int | None = None,
    databases: tuple[str, ...] = ("file", "memory"),
) -> bool:
    """Print one figure per database. False when a figure could not be measured."""
    count = jobs or (QUICK_JOBS if quick else FULL_JOBS)
    ok = True
    for database in databases:
        ok = measure(database, count, figure) and ok
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_JOBS:,} jobs")
    parser.add_argument("--jobs", type=int, metavar="N", help=f"jobs (default {FULL_JOBS:,})")
    parser.add_argument(
        "--database", choices=("file", "memory"), action="append", help="only this database"
    )
    args = parser.parse_args(argv)
    databases = tuple(args.database or ("file", "memory"))
    ok = run(
        quick=args.quick,
        jobs=args.jobs,
        databases=databases,
        figure=lambda line: print(line, flush=True),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks of the torc server, workflow specifications and local execution: print one line
per figure (no pass/fail).

    python tests/benchmarks/run.py            # everything (what `nox -s bench` runs)
    python tests/benchmarks/run.py --only get_job
    python tests/benchmarks/run.py --quick    # a small version, to check that the harness works

`specs` (bench_specs.py) times reading, expanding, validating and creating large specs against the
harness's server. `runs` (bench_runs.py) times `torc -s run` end to end, as a user starts it, with
its own ephemeral servers: 2,000 no-op jobs (jobs/s), a diamond with 10,000 middle jobs (time, peak
memory of server and runner) and the barrier example, next to a bare subprocess loop for reference.
`herd` (bench_herd.py) starts 1,000 simulated Slurm runners against the harness's server, each
registering and making its first claim: all at once, then spread by the startup jitter
(`--herd-window` shortens the 60 s window, `--herd-runners` changes the count).
`hpc` (bench_hpc.py) times `torc slurm generate` on a 100,000-job specification.
`dash` (bench_dash.py) times the web dashboard's first paint and DAG layout with 10,000 jobs.
`memory` (bench_memory.py) creates 1,000,000 jobs from a spec with `torc create` and initializes
them, on a file and in memory: times, server and client peak RSS (targets < 500 MB, < 20 s).

A fresh server (tests/conftest.py `start_server`) runs on a temporary database file. With two or
more CPUs available, the server's processes are pinned to the first one and the load generator,
a separate process (bench_client.py), to the others, so the clients never starve the server.

The dataset is the same whatever is selected: one workflow with 100,000 jobs (5,000 with --quick).
`bulk_jobs` creates them and times it; when it is not selected they are created untimed, so the
read benchmarks always run against the same data.

Exit status: 0 when every selected benchmark produced its figure with no failed request; 1 when the
harness could not measure (an exception, an HTTP error). Missing a target is not a failure.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench_client, and tests/conftest.py

import bench_auth  # noqa: E402
import bench_client  # noqa: E402
import bench_dash  # noqa: E402
import bench_herd  # noqa: E402
import bench_hpc  # noqa: E402
import bench_memory  # noqa: E402
import bench_runs  # noqa: E402
import bench_scale  # noqa: E402
import bench_specs  # noqa: E402
import procstat  # noqa: E402
from conftest import RunningServer, start_server, stop_server  # noqa: E402

BASE_PATH = "/torc-service/v1"


@dataclass(frozen=True)
class Sizes:
    jobs: int  # jobs in the benchmark workflow
    batch: int  # jobs per POST /bulk_jobs
    clients: int
    get_job_requests: int
    list_jobs_requests: int
    page: int  # jobs per list page
    warmup: int
    max_seconds: float  # wall-clock bound of each load benchmark
    herd_runners: int  # simulated Slurm runners starting together
    herd_window: float | None  # their startup jitter window (None: delay_window(herd_runners))
    canonical: bench_scale.Canonical  # the guide's largest case, simulated
    connections: int  # keep-alive connections in the many-connections benchmark
    connections_seconds: float


FULL = Sizes(
    jobs=100_000,
    batch=10_000,
    clients=8,
    get_job_requests=20_000,
    list_jobs_requests=1_000,
    page=1_000,
    warmup=200,
    max_seconds=30.0,
    herd_runners=1_000,
    herd_window=None,
    canonical=bench_scale.Canonical(),
    connections=2_000,
    connections_seconds=30.0,
)
QUICK = Sizes(
    jobs=5_000,
    batch=1_000,
    clients=8,
    get_job_requests=400,
    list_jobs_requests=40,
    page=1_000,
    warmup=16,
    max_seconds=5.0,
    herd_runners=100,
    herd_window=2.0,
    canonical=bench_scale.QUICK_CANONICAL,
    connections=50,
    connections_seconds=2.0,
)
BULK_TARGET_SECONDS = 10.0  # the target for 100,000 jobs in batches of 10,000

NOISY = 0.15  # other processes' CPU use (fraction of one CPU) above which a figure is flagged

BENCHMARKS = (
    "bulk_jobs",
    "get_job",
    "list_jobs",
    "ping",
    "auth",
    "specs",
    "runs",
    "herd",
    "hpc",
    "dash",
    "request_cost",
    "connections",
    "scale",
    "memory",
)


def server_processes(server: RunningServer) -> list[psutil.Process]:
    main = psutil.Process(server.process.pid)
    return [main, *main.children(recursive=True)]


def pin_server(server: RunningServer, cpus: set[int]) -> None:
    """Pin every thread of the server and its worker processes (threads started later inherit)."""
    for proc in server_processes(server):
        for thread in proc.threads():
            with contextlib.suppress(OSError):  # a thread that just exited
                os.sched_setaffinity(thread.id, cpus)


def peak_rss(server: RunningServer) -> tuple[int, list[tuple[int, int]]]:
    """Peak resident memory (VmHWM) of each server process, and their sum, in bytes."""
    per_process = [(proc.pid, procstat.peak_rss(proc.pid)) for proc in server_processes(server)]
    return sum(rss for _, rss in per_process), per_process


def mib(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB"


class Bench:
    """One harness run: a server, a client process, the benchmark workflow."""

    def __init__(
        self, server: RunningServer, sizes: Sizes, pool: ProcessPoolExecutor, *, quick: bool
    ) -> None:
        self.server = server
        self.sizes = sizes
        self.quick = quick
        self.pool = pool
        self.http = httpx.Client(base_url=server.url, timeout=60.0)
        self.pids = [p.pid for p in server_processes(server)]
        self.workflow_id: int | None = None
        self.job_ids: tuple[int, int] | None = None  # first and last id of the workflow's jobs
        self.failed = False
        self.server_cpus: set[int] = set()

    def figure(self, line: str) -> None:
        print(line, flush=True)

    def noise(self, other_cpu: float, elapsed: float) -> None:
        """Say so when other processes competed for the CPUs: the figure above is then low."""
        if elapsed and other_cpu / elapsed > NOISY:
            print(
                f"  # other processes used {other_cpu / elapsed:.0%} of a CPU meanwhile; "
                "the figure above is probably low",
                flush=True,
            )

    def new_workflow(self) -> int:
        response = self.http.post("/workflows", json={"name": "bench", "user": "bench"})
        response.raise_for_status()
        return response.json()["id"]

    def bulk(self, workflow_id: int) -> bench_client.BulkResult:
        return self.pool.submit(
            bench_client.run_bulk,
            self.server.port,
            workflow_id,
            total=self.sizes.jobs,
            batch=self.sizes.batch,
            max_seconds=300.0,
            server_pids=self.pids,
        ).result(timeout=360)

    def ensure_jobs(self) -> tuple[int, tuple[int, int]]:
        """The benchmark workflow, created untimed when bulk_jobs did not run."""
        if self.workflow_id is None or self.job_ids is None:
            workflow_id = self.new_workflow()
            result = self.bulk(workflow_id)
            assert result.first_job_id is not None and result.last_job_id is not None
            self.workflow_id, self.job_ids = workflow_id, (result.first_job_id, result.last_job_id)
        return self.workflow_id, self.job_ids

    # --- benchmarks -------------------------------------------------------------------------

    def bench_bulk_jobs(self) -> None:
        sizes = self.sizes
        workflow_id = self.new_workflow()
        result = self.bulk(workflow_id)
        assert result.first_job_id is not None and result.last_job_id is not None
        self.workflow_id, self.job_ids = workflow_id, (result.first_job_id, result.last_job_id)
        slowest = max(result.batch_seconds)
        target = ""
        if sizes.jobs == 100_000 and sizes.batch == 10_000:
            target = f", target < {BULK_TARGET_SECONDS:g} s"
        self.figure(
            f"bulk_jobs: {result.elapsed:.2f} s for {result.jobs:,} jobs, "
            f"{result.jobs / result.elapsed:,.0f} jobs/s ({len(result.batch_seconds)} batches "
            f"of {sizes.batch:,}; batch {min(result.batch_seconds):.2f}-{slowest:.2f} s; "
            f"server CPU {result.server_cpu:.1f} s = {result.server_cpu / result.jobs * 1e6:.0f} "
            f"us/job, other load {result.other_cpu:.1f} s{target})"
        )
        self.noise(result.other_cpu, result.elapsed)
        total, per_process = peak_rss(self.server)
        parts = " + ".join(mib(rss) for _, rss in per_process)
        self.figure(
            f"server_peak_rss: {mib(total)} after bulk_jobs "
            f"(VmHWM of {len(per_process)} server processes: {parts})"
        )

    def _load(self, name: str, paths: list[str], max_requests: int, unit: str = "") -> None:
        sizes = self.sizes
        result: bench_client.LoadResult = self.pool.submit(
            bench_client.run_load,
            self.server.port,
            paths,
            concurrency=sizes.clients,
            max_requests=max_requests,
            max_seconds=sizes.max_seconds,
            warmup=sizes.warmup,
            server_pids=self.pids,
        ).result(timeout=sizes.max_seconds * 3 + 60)
        rate = result.requests / result.elapsed if result.elapsed else 0.0
        capped = " (time bound hit)" if result.requests < max_requests else ""
        extra = f", {unit}" if unit else ""
        self.figure(
            f"{name}: {rate:,.0f} req/s ({sizes.clients} clients, {result.requests:,} requests "
            f"in {result.elapsed:.2f} s{capped}{extra}; latency p50 "
            f"{result.percentile(0.5) * 1000:.1f} ms, p99 {result.percentile(0.99) * 1000:.1f} ms; "
            f"server CPU {result.server_cpu / result.elapsed:.0%} = "
            f"{result.server_cpu / max(result.requests, 1) * 1e6:,.0f} us/request, "
            f"client CPU {result.client_cpu / result.elapsed:.0%}, "
            f"other load {result.other_cpu / result.elapsed:.0%}; errors {result.errors})"
        )
        self.noise(result.other_cpu, result.elapsed)
        if result.errors:
            self.failed = True
            print(f"  {name}: first error: {result.first_error}", file=sys.stderr)

    def bench_get_job(self) -> None:
        _, (first, last) = self.ensure_jobs()
        rng = random.Random(1)
        count = min(self.sizes.get_job_requests, 20_000)
        paths = [f"{BASE_PATH}/jobs/{rng.randint(first, last)}" for _ in range(count)]
        self._load("get_job", paths, self.sizes.get_job_requests)

    def bench_list_jobs(self) -> None:
        workflow_id, (first, last) = self.ensure_jobs()
        page = self.sizes.page
        pages = max(1, (last - first + 1) // page)
        rng = random.Random(2)
        offsets = [
            rng.randrange(pages) * page for _ in range(min(self.sizes.list_jobs_requests, 5_000))
        ]
        paths = [
            f"{BASE_PATH}/jobs?workflow_id={workflow_id}&limit={page}&offset={offset}"
            for offset in offsets
        ]
        self._load(
            "list_jobs",
            paths,
            self.sizes.list_jobs_requests,
            unit=f"{page:,} jobs per page, offsets 0-{(pages - 1) * page:,}",
        )

    def bench_ping(self) -> None:
        """Not a target: the cost of a request that does nothing, to read the others against."""
        self._load("ping", [f"{BASE_PATH}/ping"], self.sizes.get_job_requests)

    def bench_auth(self) -> None:
        """auth_get_job_off, auth_get_job_cached_login, auth_get_job_access_control,
        auth_complete_jobs_* (the same three), auth_first_request, auth_overhead
        (bench_auth.py); each with its own server."""

        def pin(server: RunningServer) -> list[int]:
            if self.server_cpus:
                pin_server(server, self.server_cpus)
            return [p.pid for p in server_processes(server)]

        if not bench_auth.run(
            quick=self.sizes is QUICK, figure=self.figure, pool=self.pool, pin=pin
        ):
            self.failed = True

    def bench_specs(self) -> None:
        """spec_100k_jobs, spec_barrier, spec_all_to_all (bench_specs.py)."""
        if not bench_specs.run(self.server, quick=self.quick, figure=self.figure):
            self.failed = True

    def bench_runs(self) -> None:
        """subprocess_loop, run_true, run_true_j8, run_diamond, run_barrier_example
        (bench_runs.py); each run starts its own standalone server."""
        if not bench_runs.run(quick=self.quick, figure=self.figure):
            self.failed = True

    def bench_herd(self) -> None:
        """herd_burst, herd_jittered (bench_herd.py): Slurm runners registering and making
        their first claim together, at once and spread by the startup jitter."""

        def submit(*args: object) -> bench_herd.HerdResult:
            return self.pool.submit(*args).result(timeout=900)

        sizes = self.sizes
        if not bench_herd.run(
            self.http,
            submit,
            self.server.port,
            runners=sizes.herd_runners,
            window=sizes.herd_window,
            figure=self.figure,
        ):
            self.failed = True

    def bench_hpc(self) -> None:
        """slurm_generate_100k (bench_hpc.py): `torc slurm generate` on 100,000 jobs."""
        if not bench_hpc.run(quick=self.quick, figure=self.figure):
            self.failed = True

    def bench_dash(self) -> None:
        """dash_first_paint_10k, dash_dag_layout_10k (bench_dash.py): the web dashboard in
        headless Chromium with a 10,000-job workflow."""
        if not bench_dash.run(quick=self.quick, figure=self.figure):
            self.failed = True

    def _pin(self, server: RunningServer) -> list[int]:
        if self.server_cpus:
            pin_server(server, self.server_cpus)
        return [p.pid for p in server_processes(server)]

    def bench_request_cost(self) -> None:
        """request_cost_single, request_cost_batched (bench_scale.py): server CPU per
        complete_jobs request of 1 and of 8 jobs; each with its own in-memory server."""
        if not bench_scale.run_request_cost(
            quick=self.quick, figure=self.figure, pool=self.pool, pin=self._pin
        ):
            self.failed = True

    def bench_connections(self) -> None:
        """connections (bench_scale.py): many keep-alive connections, a request a second each."""
        if not bench_scale.run_many_connections(
            connections=self.sizes.connections,
            seconds=self.sizes.connections_seconds,
            figure=self.figure,
            pool=self.pool,
            pin=self._pin,
        ):
            self.failed = True

    def bench_scale(self) -> None:
        """scale_canonical (bench_scale.py): simulated nodes through many short jobs against an
        in-memory server with snapshots."""
        if not bench_scale.run_canonical(
            self.sizes.canonical,
            figure=self.figure,
            pool=self.pool,
            pin=self._pin,
            peak=lambda server: peak_rss(server)[0],
        ):
            self.failed = True

    def bench_memory(self) -> None:
        """memory_file, memory_in_memory (bench_memory.py): 1,000,000 jobs (5,000 with --quick)
        created with `torc create` and initialized, each database with its own server."""
        if not bench_memory.run(quick=self.quick, figure=self.figure):
            self.failed = True

    def close(self) -> None:
        self.http.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=BENCHMARKS,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a small version, to smoke-test the harness"
    )
    parser.add_argument(
        "--herd-runners", type=int, metavar="N", help="simulated runners in the herd benchmark"
    )
    parser.add_argument(
        "--herd-window",
        type=float,
        metavar="SECONDS",
        help="startup jitter window of the herd benchmark (default: the runner's own window for "
        "that many runners, 60 s for 1,000; 2 s with --quick)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        metavar="FRACTION",
        help="run the canonical case (scale) with this fraction of its jobs: the same job rate, a "
        "shorter run (0.01: 10,000 jobs, ideal 5 s)",
    )
    parser.add_argument("--scale-nodes", type=int, metavar="N", help="simulated nodes (100)")
    parser.add_argument("--scale-cores", type=int, metavar="C", help="cores per node (104)")
    parser.add_argument("--scale-jobs", type=int, metavar="J", help="jobs (1,000,000)")
    parser.add_argument(
        "--scale-duration", type=float, metavar="SECONDS", help="each job's duration (5)"
    )
    parser.add_argument(
        "--connections", type=int, metavar="K", help="connections in `connections` (2,000)"
    )
    parser.add_argument(
        "--connections-seconds", type=float, metavar="SECONDS", help="its duration (30)"
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    canonical = sizes.canonical
    if args.scale is not None:
        canonical = canonical.scaled(args.scale)
    for flag, name in (
        ("scale_nodes", "nodes"),
        ("scale_cores", "cores"),
        ("scale_jobs", "jobs"),
        ("scale_duration", "duration"),
    ):
        if getattr(args, flag) is not None:
            canonical = dataclasses.replace(canonical, **{name: getattr(args, flag)})
    sizes = dataclasses.replace(sizes, canonical=canonical)
    if args.connections is not None:
        sizes = dataclasses.replace(sizes, connections=args.connections)
    if args.connections_seconds is not None:
        sizes = dataclasses.replace(sizes, connections_seconds=args.connections_seconds)
    if args.herd_runners is not None:
        sizes = dataclasses.replace(sizes, herd_runners=args.herd_runners)
    if args.herd_window is not None:
        sizes = dataclasses.replace(sizes, herd_window=args.herd_window)
    selected = [name for name in BENCHMARKS if not args.only or name in args.only]

    cpus = sorted(os.sched_getaffinity(0))
    server_cpus, client_cpus = ({cpus[0]}, cpus[1:]) if len(cpus) >= 2 else (set(), [])
    placement = (
        f"server on CPU {cpus[0]}, clients on CPU {','.join(map(str, client_cpus))}"
        if server_cpus
        else "1 CPU: server and clients share it"
    )
    print(
        f"# torc benchmarks{' (quick)' if args.quick else ''}: {placement}; "
        f"{sizes.jobs:,} jobs in the workflow",
        flush=True,
    )

    failed = False
    with tempfile.TemporaryDirectory(prefix="torc-bench-") as tmp:
        server = start_server(Path(tmp) / "bench.db", "--log-level", "error")
        try:
            if server_cpus:
                pin_server(server, server_cpus)
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                1, mp_context=context, initializer=bench_client.pin, initargs=(client_cpus,)
            ) as pool:
                bench = Bench(server, sizes, pool, quick=args.quick)
                bench.server_cpus = server_cpus
                try:
                    for name in selected:
                        run: Callable[[], None] = getattr(bench, f"bench_{name}")
                        started = time.perf_counter()
                        try:
                            run()
                        except Exception:
                            failed = True
                            print(
                                f"{name}: FAILED after {time.perf_counter() - started:.1f} s",
                                flush=True,
                            )
                            traceback.print_exc()
                finally:
                    bench.close()
                failed = failed or bench.failed
        finally:
            stop_server(server)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks of local execution: `torc -s run` end to end, as a user starts it.

    python tests/benchmarks/bench_runs.py            # the full sizes
    python tests/benchmarks/bench_runs.py --quick    # small sizes, to check that it runs

Figures (one line each, no pass/fail):

- `subprocess_loop`: the reference: `subprocess.run(["bash", "-c", "true"])` in a loop, jobs/s
  (what a machine manages with no scheduler at all; read the others against it);
- `file_create`: the cost of creating a file where the runs work (the temporary directory; each
  job's stdout and stderr are two files);
- `run_true`: `torc -s run` of 2,000 independent `true` jobs, default (resource) mode, jobs/s end
  to end: starting the ephemeral server, creating the workflow, running it, stopping the server
  (target >= 400 jobs/s); the median of three runs, with the slowest and the fastest;
- `hq_true`: HyperQueue (`pip install hyperqueue`) running the same 2,000 `true` tasks on this
  machine, end to end the same way (its server and a worker on all CPUs, HQ's default, like
  torc's default of one job per CPU; see hq_local.py), alternating with the `run_true` runs;
  `torc_vs_hq`: the ratio of the two medians (target >= 2);
- `run_true_j8`: the same with `--max-parallel-jobs 8`;
- `run_diamond`: one job, 10,000 middle jobs that depend on it, one job that depends on all of
  them: end-to-end time, and the peak memory (VmHWM) of the server and of the runner;
- `run_barrier_example`: examples/yaml/multi_stage_barrier_pattern.yaml (2,003 jobs), which is
  too slow for the test suite (full sizes only).

Each line also gives the CPU time of the runner (the `torc` process), of its jobs, and of the
server, and how busy the machine was with other work meanwhile. `run(figure=..., quick=...)` is
the entry for the harness (tests/benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from procstat import peak_rss

REPO = Path(__file__).resolve().parents[2]
TARGET_JOBS_PER_SECOND = 400.0
TARGET_HQ_RATIO = 2.0
NOISY = 0.15  # other processes' CPU use (fraction of one CPU) above which a figure is flagged


@dataclass
class Usage:
    """What one `torc -s run` took, sampled from outside with psutil."""

    wall: float = 0.0
    summary: dict[str, Any] = field(default_factory=dict)
    runner_cpu: float = 0.0  # the torc process itself
    jobs_cpu: float = 0.0  # its reaped children: the jobs (and the server, once reaped)
    server_cpu: float = 0.0
    runner_peak: int = 0  # VmHWM, bytes
    server_peak: int = 0  # VmHWM of the server's processes, summed
    other_cpu: float = 0.0  # CPU seconds the rest of the machine used meanwhile
    phases: Phases | None = None


@dataclass
class Phases:
    """Where one run's time went, in seconds from `torc -s run`'s start (read from the server's
    and the runner's logs), and the CPU of the runner and the server while the jobs ran."""

    serving: float  # the standalone server's "Listening on" line
    first_job: float  # the runner's first "started job"
    last_job: float  # its last job's end
    runner_cpu: float  # CPU seconds of the torc process between the first and the last job
    server_cpu: float

    def describe(self, wall: float, jobs: int) -> str:
        span = max(self.last_job - self.first_job, 1e-9)
        return (
            f"phases: server serving at {self.serving:.2f} s, first job started at "
            f"{self.first_job:.2f} s, last job done at {self.last_job:.2f} s "
            f"({jobs / span:,.0f} jobs/s between), exit at {wall:.2f} s; CPU per job while "
            f"they ran: runner {self.runner_cpu / jobs * 1e6:,.0f} us, server "
            f"{self.server_cpu / jobs * 1e6:,.0f} us"
        )


def _log_time(line: str) -> float | None:
    """The time stamp of a server log line (ISO, UTC) or a runner log line (local time)."""
    import datetime

    with contextlib.suppress(ValueError):
        if line[10:11] == "T":
            moment = datetime.datetime.strptime(line[:23], "%Y-%m-%dT%H:%M:%S.%f")
            return moment.replace(tzinfo=datetime.UTC).timestamp()
        return datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
    return None


def _phases(work: Path, started: float, samples: list[tuple[float, float, float]]) -> Phases | None:
    """The run's phases from the logs in `work`/torc_output; `samples`: (time, runner CPU,
    server CPU) as watched. None when a log is missing."""
    output = work / "torc_output"
    try:
        server_log = (output / "torc_server.log").read_text().splitlines()
        runner_log = next(output.glob("job_runner_*.log")).read_text().splitlines()
    except (OSError, StopIteration):
        return None
    serving = next((_log_time(line) for line in server_log if "Listening on" in line), None)
    starts = [_log_time(line) for line in runner_log if "started job" in line]
    ends = [_log_time(line) for line in runner_log if " with return code " in line]
    if serving is None or not starts or not ends or None in (starts[0], ends[-1]):
        return None
    first, last = starts[0] or 0.0, ends[-1] or 0.0

    def cpu_at(moment: float) -> tuple[float, float]:
        before = [sample for sample in samples if sample[0] <= moment]
        return (before[-1][1], before[-1][2]) if before else (0.0, 0.0)

    (runner_first, server_first), (runner_last, server_last) = cpu_at(first), cpu_at(last)
    return Phases(
        serving - started,
        first - started,
        last - started,
        runner_last - runner_first,
        server_last - server_first,
    )


def _busy() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _environment(home: Path) -> dict[str, str]:
    """The user's environment, without TORC_ settings; bytecode cached as an installed torc has
    it (with PYTHONDONTWRITEBYTECODE, every `torc` would compile the project's modules first)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
    if env.pop("PYTHONDONTWRITEBYTECODE", None) and "PYTHONPYCACHEPREFIX" not in env:
        env["PYTHONPYCACHEPREFIX"] = str(REPO / ".cache" / "pycache")
    env.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
    )
    return env


def _exit_watch(proc: subprocess.Popen[str]) -> Callable[[float], bool]:
    """Waits up to a time for `proc` to exit (its pidfd), answering whether it has: the wall
    time is read the moment it exits, not up to a sampling interval later."""
    try:
        pidfd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):

        def sleep(seconds: float) -> bool:
            time.sleep(seconds)
            return proc.poll() is not None

        return sleep
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)

    def wait(seconds: float) -> bool:
        if poller.poll(seconds * 1000):
            os.close(pidfd)  # once: the loop ends
            return True
        return False

    return wait


def _children(process: psutil.Process, recursive: bool = False) -> list[psutil.Process]:
    """The process's children from its /proc `children` lists, else psutil's (which reads
    every process's /proc entry: 1-2 ms of CPU per sample, taken from the run it watches)."""
    try:
        pids = [
            int(pid)
            for task in os.listdir(f"/proc/{process.pid}/task")
            for pid in Path(f"/proc/{process.pid}/task/{task}/children").read_text().split()
        ]
    except (OSError, ValueError):
        return process.children(recursive=recursive)
    found = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            child = psutil.Process(pid)
            found.append(child)
            if recursive:
                found += _children(child, recursive=True)
    return found


def _is_server(cmdline: list[str]) -> bool:
    return any(part in ("torc_server.cli", "torc_server.standalone") for part in cmdline)


def torc_run(work: Path, *args: str, timeout: float = 1800.0) -> Usage:
    """`torc -s -f json run ARGS` in `work`, sampled every 50 ms until it exits (timed to its
    exit)."""
    usage = Usage()
    busy_before = _busy()
    samples: list[tuple[float, float, float]] = []  # (time, runner CPU, server CPU)
    launched = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "torc"), "-s", "-f", "json", "run", *args],
        cwd=work,
        env=_environment(work / ".home"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    runner = psutil.Process(proc.pid)
    exited_within = _exit_watch(proc)
    server: psutil.Process | None = None  # the standalone server, once it is up
    servers: dict[int, tuple[float, int]] = {}  # pid -> (CPU seconds, VmHWM), last seen
    deadline = time.monotonic() + timeout
    while True:  # until `exited_within` sees it exit
        if time.monotonic() > deadline:
            proc.kill()
            raise TimeoutError(f"torc run {' '.join(args)} took more than {timeout:.0f} s")
        with contextlib.suppress(psutil.Error):
            times = runner.cpu_times()
            usage.runner_cpu = times.user + times.system
            usage.jobs_cpu = times.children_user + times.children_system
            usage.runner_peak = max(usage.runner_peak, peak_rss(proc.pid))
            if server is None:
                server = next((c for c in _children(runner) if _is_server(c.cmdline())), None)
        if server is not None:
            with contextlib.suppress(psutil.Error):
                for member in [server, *_children(server, recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        t = member.cpu_times()
                        # an exited server not yet reaped has no VmHWM any more: keep the last
                        peak = max(peak_rss(member.pid), servers.get(member.pid, (0.0, 0))[1])
                        servers[member.pid] = (t.user + t.system, peak)
        samples.append((time.time(), usage.runner_cpu, sum(cpu for cpu, _ in servers.values())))
        if exited_within(0.05):
            break
    usage.wall = time.perf_counter() - started  # the moment it exits, as HyperQueue's run is timed
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"torc run exited with {proc.returncode}: {err.strip()[-2000:]}")
    usage.summary = json.loads(out)
    usage.server_cpu = sum(cpu for cpu, _ in servers.values())
    usage.server_peak = sum(peak for _, peak in servers.values())
    # the server, reaped by the runner at the end, is in the children's times too
    usage.jobs_cpu = max(usage.jobs_cpu - usage.server_cpu, 0.0)
    ours = usage.runner_cpu + usage.jobs_cpu + usage.server_cpu
    usage.other_cpu = max(_busy() - busy_before - ours, 0.0)
    usage.phases = _phases(work, launched, samples)
    return usage


@dataclass
class HqUsage:
    """What one HyperQueue run took: wall time, and CPU of its process and its tasks."""

    wall: float
    cpu: float
    way: str


def hq_run(work: Path, count: int, timeout: float = 600.0) -> HqUsage:
    """HyperQueue runs `count` `true` tasks in `work` (hq_local.py, in a session of its own);
    whatever it started is killed if it fails or takes too long."""
    env = _environment(work / ".home")
    env["TQDM_DISABLE"] = "1"  # the Python API's progress bar
    before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("hq_local.py")), str(count), str(work)],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        wall = time.perf_counter() - started
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # its server, worker and tasks, if any are left
        proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"HyperQueue exited with {proc.returncode}: {err.decode()[-2000:]}")
    way = json.loads(out.decode().strip().splitlines()[-1])["way"]
    return HqUsage(wall, _children_cpu() - before, way)


def _children_cpu() -> float:
    """CPU seconds of this process's reaped children (one child at a time runs here)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def hq_available() -> str | None:
    """Why HyperQueue cannot run here, or None when it can."""
    if shutil.which("hq"):
        return None
    try:
        import hyperqueue  # noqa: F401
    except ImportError:
        return "no hq binary and no hyperqueue package: pip install -e '.[bench]'"
    return None


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def describe(usage: Usage) -> str:
    return (
        f"CPU: runner {usage.runner_cpu:.1f} s, jobs {usage.jobs_cpu:.1f} s, server "
        f"{usage.server_cpu:.1f} s; other load {usage.other_cpu:.1f} s"
    )


def independent_jobs(count: int) -> str:
    return f"""name: bench_true_{count}
description: {count:,} independent no-op jobs
jobs:
  - name: job_{{i}}
    command: "true"
    parameters:
      i: "1:{count}"
"""


def diamond(middle: int) -> str:
    return f"""name: bench_diamond_{middle}
description: one job, {middle:,} jobs that depend on it, one job that depends on all of them
jobs:
  - name: start
    command: "true"
  - name: middle_{{i}}
    command: "true"
    depends_on: [start]
    parameters:
      i: "1:{middle}"
  - name: end
    command: "true"
    depends_on_regexes: ["^middle_"]
"""


def _warm_up(work: Path) -> None:
    (work / "spec.yaml").write_text(independent_jobs(1))
    torc_run(work, "spec.yaml")


def subprocess_loop(count: int) -> float:
    """jobs/s of the simplest possible runner: one `bash -c true` after the other."""
    started = time.perf_counter()
    for _ in range(count):
        subprocess.run(["bash", "-c", "true"], check=True)
    return count / (time.perf_counter() - started)


def file_create(directory: Path, count: int) -> float:
    """Microseconds of one file creation in `directory`: each job creates two (its stdout and
    stderr files), and an aged file system can make it cost ten times more than a fresh one."""
    started = time.perf_counter()
    for i in range(count):
        os.close(os.open(directory / f"job_{i}.o", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644))
    return (time.perf_counter() - started) / count * 1e6


def run(
    *,
    quick: bool = False,
    figure: Callable[[str], None] = print,
    only: set[str] | None = None,
) -> bool:
    """Print the figures (those named in `only`, and the references); False when one could not
    be measured. Every file the figures create stays until the end: on ext4 a file created
    within a minute or more of many deletions nearby costs ten to thirty times more (the inode
    allocator steps over each recently freed inode), so deleting one figure's files would slow
    the next figure's runs (each of its jobs creates two files)."""
    with tempfile.TemporaryDirectory(prefix="torc-bench-runs-") as kept:
        return _run(Path(kept), quick, figure, only)


def _run(kept: Path, quick: bool, figure: Callable[[str], None], only: set[str] | None) -> bool:
    jobs, middle = (200, 500) if quick else (2_000, 10_000)
    repeats = 1 if quick else 3  # this machine's speed varies from run to run
    ok = True
    cpus = len(os.sched_getaffinity(0))

    def noise(usage: Usage) -> None:
        if usage.wall and usage.other_cpu / usage.wall > NOISY:
            figure(
                f"  # other processes used {usage.other_cpu / usage.wall:.0%} of a CPU meanwhile; "
                "the figure above is probably low"
            )

    def measure(name: str, body: Callable[[Path], None]) -> None:
        nonlocal ok
        if only is not None and name not in only and name != "warm_up":
            return
        try:
            body(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=kept)))
        except Exception as exc:
            ok = False
            figure(f"{name}: FAILED ({type(exc).__name__}: {exc})")

    measure("warm_up", _warm_up)  # bytecode into the cache, untimed
    reference = 200 if quick else 1_000
    figure(
        f"subprocess_loop: {subprocess_loop(reference):,.0f} jobs/s "
        f"(subprocess.run(['bash', '-c', 'true']) x {reference:,}, one at a time; the reference)"
    )
    files = Path(tempfile.mkdtemp(prefix="files-", dir=kept))
    figure(
        f"file_create: {file_create(files, 2 * reference):,.0f} us per file in "
        f"{kept.parent} (the runs work there; set TMPDIR to choose; each job creates two)"
    )

    def true_jobs(name: str, extra: list[str], mode: str, hq: bool) -> Callable[[Path], None]:
        def body(work: Path) -> None:
            runs: list[Usage] = []
            hq_runs: list[HqUsage] = []
            hq_missing = hq_available() if hq else None
            if hq_missing:
                figure(f"hq_true: skipped ({hq_missing})")
            for attempt in range(repeats):
                # a directory per run, all removed at the end (see `run`)
                directory = work / f"run{attempt}"
                directory.mkdir()
                (directory / "spec.yaml").write_text(independent_jobs(jobs))
                runs.append(torc_run(directory, "spec.yaml", *extra))
                assert runs[-1].summary["completed"] == jobs, runs[-1].summary
                if hq and not hq_missing:  # alternating, so that both see the same load
                    (work / f"hq{attempt}").mkdir()
                    hq_runs.append(hq_run(work / f"hq{attempt}", jobs))
            runs.sort(key=lambda usage: usage.wall)
            usage = runs[len(runs) // 2]  # the median run
            summary = usage.summary
            target = f"; target >= {TARGET_JOBS_PER_SECOND:g} jobs/s" if not quick else ""
            spread = (
                f", median of {repeats} runs: {jobs / runs[-1].wall:,.0f} to "
                f"{jobs / runs[0].wall:,.0f} jobs/s"
                if repeats > 1
                else ""
            )
            figure(
                f"{name}: {jobs / usage.wall:,.0f} jobs/s end to end ({jobs:,} `true` jobs, "
                f"{mode}, {cpus} CPUs{spread}: {usage.wall:.2f} s from `torc -s run` to its "
                f"exit, of which running the jobs {summary['elapsed_seconds']:.2f} s = "
                f"{summary['jobs_per_second']:,.0f} jobs/s{target}); {describe(usage)}"
            )
            if usage.phases is not None:
                figure(f"  # {usage.phases.describe(usage.wall, jobs)}")
            noise(usage)
            if hq_runs:
                ours = [jobs / run.wall for run in sorted(runs, key=lambda run: run.wall)]
                theirs = sorted((jobs / run.wall for run in hq_runs), reverse=True)
                hq_usage = sorted(hq_runs, key=lambda run: run.wall)[len(hq_runs) // 2]
                figure(
                    f"hq_true: {jobs / hq_usage.wall:,.0f} jobs/s end to end ({jobs:,} `true` "
                    f"tasks, HyperQueue {hq_usage.way}, worker on all {cpus} CPUs; runs "
                    f"alternating with {name}'s: "
                    + ", ".join(f"{rate:,.0f}" for rate in theirs)
                    + f" jobs/s; CPU of HQ and its tasks {hq_usage.cpu:.1f} s)"
                )
                ratio = (jobs / usage.wall) / (jobs / hq_usage.wall)
                goal = f"; target >= {TARGET_HQ_RATIO:g}" if not quick else ""
                figure(
                    f"torc_vs_hq: {ratio:.2f} times HyperQueue's rate (medians of {repeats} "
                    f"alternating runs: torc {jobs / usage.wall:,.0f} jobs/s ("
                    + ", ".join(f"{rate:,.0f}" for rate in ours)
                    + f"), HQ {jobs / hq_usage.wall:,.0f} jobs/s{goal})"
                )

        return body

    measure("run_true", true_jobs("run_true", [], "resource mode", hq=True))
    measure(
        "run_true_j8",
        true_jobs("run_true_j8", ["--max-parallel-jobs", "8"], "--max-parallel-jobs 8", hq=False),
    )

    def run_diamond(work: Path) -> None:
        (work / "spec.yaml").write_text(diamond(middle))
        usage = torc_run(work, "spec.yaml")
        total = middle + 2
        assert usage.summary["completed"] == total, usage.summary
        figure(
            f"run_diamond: {usage.wall:.2f} s end to end for 1 -> {middle:,} -> 1 `true` jobs "
            f"({total / usage.wall:,.0f} jobs/s, resource mode, {cpus} CPUs); peak memory: "
            f"server {mib(usage.server_peak)}, runner {mib(usage.runner_peak)}; "
            f"{describe(usage)}"
        )
        noise(usage)

    measure("run_diamond", run_diamond)

    def run_barrier(work: Path) -> None:
        shutil.copytree(REPO / "examples", work / "examples")
        usage = torc_run(work, "examples/yaml/multi_stage_barrier_pattern.yaml")
        assert usage.summary["completed"] == usage.summary["total"] == 2003, usage.summary
        report = json.loads((work / "output/barrier/final_report.json").read_text())
        assert report["count"] == 1000, report["count"]
        figure(
            f"run_barrier_example: {usage.wall:.2f} s end to end for the barrier example "
            f"(2,003 jobs: 1,000 -> 1 -> 1,000 needing 2 CPUs each -> 1 -> 1, {cpus} CPUs); "
            f"peak memory: server {mib(usage.server_peak)}, runner {mib(usage.runner_peak)}; "
            f"{describe(usage)}"
        )
        noise(usage)

    if not quick:
        measure("run_barrier_example", run_barrier)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="only this figure (run_true, run_true_j8, run_diamond, run_barrier_example); "
        "repeatable",
    )
    args = parser.parse_args(argv)
    print(f"# local execution benchmarks{' (quick)' if args.quick else ''}", flush=True)
    only = set(args.only) if args.only else None
    ok = run(quick=args.quick, figure=lambda line: print(line, flush=True), only=only)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

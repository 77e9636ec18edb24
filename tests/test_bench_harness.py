"""The benchmark harness still runs: `tests/benchmarks/run.py --quick` exits 0 with every figure.

The figures themselves are not checked (benchmarks print, they do not pass or fail); a harness that
silently stops measuring is what this catches.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent / "benchmarks" / "run.py"
FIGURES = (
    "bulk_jobs",
    "server_peak_rss",
    "get_job",
    "list_jobs",
    "ping",
    "auth_get_job_off",
    "auth_get_job_cached_login",
    "auth_get_job_access_control",
    "auth_first_request",
    "auth_overhead",
    "spec_100k_jobs",
    "spec_barrier",
    "spec_all_to_all",
    "subprocess_loop",
    "file_create",
    "run_true",
    "run_true_j8",
    "run_diamond",
    "herd_burst",
    "herd_jittered",
    "slurm_generate_100k",
    "dash_first_paint_10k",
    "dash_dag_layout_10k",
    "request_cost_single",
    "request_cost_batched",
    "connections",
    "scale_canonical",
    "memory_file",
    "memory_in_memory",
)


def _run(script: Path, *args: str, timeout: float) -> tuple[list[str], str]:
    """Run a benchmark script from the repository's root; its stdout lines and a report for
    failures. It must exit 0."""
    done = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=RUN.parent.parent.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    report = f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert done.returncode == 0, report
    return done.stdout.splitlines(), report


def test_quick_benchmarks_print_every_figure() -> None:
    lines, report = _run(RUN, "--quick", timeout=300)
    for name in FIGURES:
        assert any(line.startswith(f"{name}: ") for line in lines), f"no {name} figure\n{report}"
    assert not any("FAILED" in line for line in lines), report


def test_only_runs_one_benchmark() -> None:
    lines, report = _run(RUN, "--quick", "--only", "get_job", timeout=120)
    figures = [line.split(":")[0] for line in lines if line[:1].isalpha()]
    assert figures == ["get_job"], report


def test_paired_comparison_runs_every_tree_and_compares_with_the_first() -> None:
    """`paired.py` starts each tree's server, drives them together, and prints each tree's
    ratio to the first."""
    args = ("--seconds", "1", "--rounds", "1", "--cores", "1", "before=.", "after=.")
    lines, report = _run(RUN.parent / "paired.py", *args, timeout=180)
    assert sum(line.startswith("round 1 ") for line in lines) == 2, report
    assert any(
        line.startswith("before: ") and "ratio to before: median 1.000" in line for line in lines
    ), report
    assert any(line.startswith("after: ") and "ratio to before" in line for line in lines), report

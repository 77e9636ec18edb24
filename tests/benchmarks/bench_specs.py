"""Benchmarks of workflow specifications: parse, expand, validate and create in one request.

    python tests/benchmarks/bench_specs.py            # its own server; the full sizes
    python tests/benchmarks/bench_specs.py --quick    # small sizes, to check that it runs

Three figures (one line each, no pass/fail):

- `spec_100k_jobs`: a parameterized YAML spec of 100,000 jobs, end to end (target < 10 s);
- `spec_barrier`: the guide's 1000 x 1000 multi-stage barrier spec, 3,001 dependencies
  (target < 2 s);
- `spec_all_to_all`: the same two stages joined all-to-all with `depends_on_regexes`
  (1,001,000 dependencies).

Each line gives the time of the phases (read + expand, validate, create on the server), the
client's peak memory (the client runs in a fresh process, so that is its own), and the server's
peak memory so far. `run(server, ...)` is the entry for the harness (tests/benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # tests/conftest.py

TARGETS = {"spec_100k_jobs": 10.0, "spec_barrier": 2.0}


def spec_100k(jobs: int) -> str:
    return f"""name: spec_benchmark_{jobs}
description: {jobs:,} independent parameterized jobs
jobs:
  - name: job_{{i:06d}}
    command: bash work.sh {{i}} --output out/result_{{i:06d}}.json
    resource_requirements: small
    parameters:
      i: "1:{jobs}"
resource_requirements:
  - name: small
    num_cpus: 1
    memory: 1g
    runtime: PT10M
"""


def spec_barrier(stage: int) -> str:
    """The guide's "Efficient Multi-Stage Workflow" (Multi-Stage Workflows with Barriers)."""
    last = stage - 1
    return f"""name: "Efficient Multi-Stage Workflow"
description: "Uses barrier pattern with only ~3000 dependencies"
jobs:
  - name: "preprocess_{{i:03d}}"
    command: "python preprocess.py --id {{i}} --output data/stage1_{{i:03d}}.json"
    resource_requirements: "medium"
    parameters:
      i: "0:{last}"
  - name: "barrier_stage1_complete"
    command: "echo 'Stage 1 complete: {stage} files preprocessed' && date"
    resource_requirements: "tiny"
    depends_on_regexes: ["^preprocess_.*"]
  - name: "analyze_{{i:03d}}"
    command: "python analyze.py --input data/stage1_{{i:03d}}.json --output data/stage2_{{i:03d}}.csv"
    resource_requirements: "large"
    depends_on: ["barrier_stage1_complete"]
    parameters:
      i: "0:{last}"
  - name: "barrier_stage2_complete"
    command: "echo 'Stage 2 complete: {stage} analyses finished' && date"
    resource_requirements: "tiny"
    depends_on_regexes: ["^analyze_.*"]
  - name: "final_report"
    command: "python generate_report.py --output final_report.html"
    resource_requirements: "medium"
    depends_on: ["barrier_stage2_complete"]
resource_requirements:
  - name: "tiny"
    num_cpus: 1
    num_gpus: 0
    num_nodes: 1
    memory: "100m"
    runtime: "PT1M"
  - name: "medium"
    num_cpus: 4
    num_gpus: 0
    num_nodes: 1
    memory: "4g"
    runtime: "PT30M"
  - name: "large"
    num_cpus: 16
    num_gpus: 1
    num_nodes: 1
    memory: "32g"
    runtime: "PT2H"
"""


def spec_all_to_all(stage: int) -> str:
    """The guide's "Inefficient Multi-Stage Workflow": every analysis waits for every
    preprocessing job through a pattern."""
    last = stage - 1
    return f"""name: "Inefficient Multi-Stage Workflow"
description: "This creates {stage * stage:,} dependencies!"
jobs:
  - name: "preprocess_{{i:03d}}"
    command: "python preprocess.py --id {{i}}"
    parameters:
      i: "0:{last}"
  - name: "analyze_{{i:03d}}"
    command: "python analyze.py --id {{i}}"
    depends_on_regexes: ["^preprocess_.*"]
    parameters:
      i: "0:{last}"
  - name: "final_report"
    command: "python generate_report.py"
    depends_on_regexes: ["^analyze_.*"]
"""


def client_run(url: str, path: str) -> dict[str, Any]:
    """In a fresh process: read, expand, validate and create one specification, timed."""
    import procstat  # this directory (the tests import this module's spec builders only)

    import torc
    from torc.spec import load_spec, post_spec, validate

    api = torc.make_api(url)
    started = time.perf_counter()
    spec = load_spec(path)
    loaded = time.perf_counter()
    report = validate(spec)
    checked = time.perf_counter()
    if not report.valid:
        raise RuntimeError(f"invalid benchmark spec: {report.errors[:3]}")
    created = post_spec(api, spec)
    done = time.perf_counter()
    return {
        "jobs": len(created.job_ids),
        "dependencies": report.components["dependencies"],
        "load": loaded - started,
        "validate": checked - loaded,
        "create": done - checked,
        "total": done - started,
        "peak_rss": procstat.peak_rss(),
        "workflow_id": created.workflow.id,
    }


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _server_peak(server: Any) -> int:
    import procstat  # this directory (the tests import this module's spec builders only)

    return procstat.tree_peak_rss(server.process.pid)


def run(server: Any, *, quick: bool = False, figure: Callable[[str], None] = print) -> bool:
    """Print the three figures against a running server (tests/conftest.py `RunningServer`).
    Answers False when a figure could not be measured."""
    jobs, stage = (5_000, 100) if quick else (100_000, 1_000)
    benchmarks = [
        ("spec_100k_jobs", spec_100k(jobs), f"{jobs:,} parameterized jobs"),
        ("spec_barrier", spec_barrier(stage), f"the guide's {stage} x {stage} barrier spec"),
        (
            "spec_all_to_all",
            spec_all_to_all(stage),
            f"{stage} x {stage} stages joined all-to-all with depends_on_regexes",
        ),
    ]
    ok = True
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="torc-bench-specs-") as tmp:
        for name, text, what in benchmarks:
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(text)
            try:
                with ProcessPoolExecutor(1, mp_context=context) as pool:
                    pool.submit(time.sleep, 0).result()  # the process is up before the clock
                    result = pool.submit(client_run, server.url, str(path)).result(timeout=900)
            except Exception as exc:
                ok = False
                figure(f"{name}: FAILED ({type(exc).__name__}: {exc})")
                continue
            target = TARGETS.get(name)
            target_text = f"; target < {target:g} s" if target and not quick else ""
            figure(
                f"{name}: {result['total']:.2f} s for {what} ({result['jobs']:,} jobs, "
                f"{result['dependencies']:,} dependencies: read+expand {result['load']:.2f} s, "
                f"validate {result['validate']:.2f} s, create {result['create']:.2f} s"
                f"{target_text}); peak memory: client {_mib(result['peak_rss'])}, "
                f"server {_mib(_server_peak(server))} so far"
            )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes")
    args = parser.parse_args(argv)
    from conftest import start_server, stop_server

    with tempfile.TemporaryDirectory(prefix="torc-bench-") as tmp:
        server = start_server(Path(tmp) / "bench.db", "--log-level", "error")
        try:
            print(f"# workflow specification benchmarks{' (quick)' if args.quick else ''}")
            ok = run(server, quick=args.quick, figure=lambda line: print(line, flush=True))
        finally:
            stop_server(server)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

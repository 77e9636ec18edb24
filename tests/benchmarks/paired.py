"""Compare the server CPU per request of several source trees, running side by side.

    python tests/benchmarks/paired.py before=/path/to/worktree after=.
    python tests/benchmarks/paired.py --cores 1 --rounds 5 a=. b=. # the noise floor

Runs of one tree after another cannot tell a change of a few percent from the machine's drift (on
a shared VM the same code moves by 20% within an hour). Here every tree's server runs at the same
time, all pinned to the first CPU, each driven by its own load generator (`request_cost`'s shape:
8 nodes completing and claiming `--cores` jobs per request) on the other CPUs, so each round
measures them under the same conditions. It prints each round's server CPU per request and per
job, and each tree's per-round ratio to the first tree named.

A tree is a checkout of this repository (a `git worktree` of the commit to compare); its
`server/` (and the other source folders) come first on the server's PYTHONPATH. "." is this one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_scale  # noqa: E402
from run import pin_server, server_processes  # noqa: E402

SOURCES = ("server", "sdk/python", "cli", "runner", "hpc_profiles")


def python_path(tree: Path) -> str:
    return os.pathsep.join(str(tree / folder) for folder in SOURCES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trees", nargs="+", metavar="NAME=TREE")
    parser.add_argument("--seconds", type=float, default=8.0, help="per round (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="default 3")
    parser.add_argument("--cores", type=int, default=8, help="jobs per request (default 8)")
    args = parser.parse_args()
    trees = [
        (name, Path(tree).resolve()) for name, _, tree in (t.partition("=") for t in args.trees)
    ]
    if len(os.sched_getaffinity(0)) >= 2:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[1:])
    jobs = int(2000 * args.seconds * args.cores)
    figures: dict[str, list[float]] = {name: [] for name, _ in trees}
    os.environ.pop("PYTHONPATH", None)
    with ProcessPoolExecutor(len(trees)) as pool:
        for number in range(1, args.rounds + 1):
            with contextlib.ExitStack() as stack:
                running = []
                for name, tree in trees:
                    # read by the server's process when it starts
                    os.environ["PYTHONPATH"] = python_path(tree)
                    server = stack.enter_context(bench_scale.memory_server(None))
                    pin_server(server, {0})
                    pids = [process.pid for process in server_processes(server)]
                    workflow_id, run_id = bench_scale.prepare(server.port, pool, jobs)
                    running.append((name, server.port, workflow_id, run_id, pids))
                futures = [
                    (
                        name,
                        pool.submit(
                            bench_scale.run_sim,
                            port,
                            workflow_id,
                            run_id,
                            nodes=8,
                            cores=args.cores,
                            jobs=jobs,
                            duration=0.0,
                            max_seconds=args.seconds,
                            server_pids=pids,
                        ),
                    )
                    for name, port, workflow_id, run_id, pids in running
                ]
                for name, future in futures:
                    result = future.result(timeout=args.seconds + 600)
                    if result.errors:
                        print(f"{name}: {result.errors} failed requests: {result.first_error}")
                        return 1
                    requests = max(result.requests - 8, 1)  # less the registrations
                    per_job = result.server_cpu / max(result.completed, 1) * 1e6
                    figures[name].append(per_job)
                    print(
                        f"round {number} {name}: {result.server_cpu / requests * 1e6:.0f} us/request,"
                        f" {per_job:.1f} us/job",
                        flush=True,
                    )
    first = trees[0][0]
    for name, values in figures.items():
        ratios = [value / base for value, base in zip(values, figures[first], strict=True)]
        print(
            f"{name}: median {statistics.median(values):.1f} us/job; per-round ratio to {first}: "
            f"median {statistics.median(ratios):.3f} ({', '.join(f'{r:.3f}' for r in ratios)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""HyperQueue's local run of N no-op tasks, the reference `bench_runs.py` compares `torc -s run` to.

    python tests/benchmarks/hq_local.py N DIRECTORY

Runs in a process of its own, so that the bench times it end to end as it times `torc -s run`
(interpreter start, server start, worker start, submit, wait, stop) and can kill it with whatever
it started. With an `hq` binary on PATH: `hq server start` and `hq worker start` (all CPUs, HQ's
default) in the background with `HQ_SERVER_DIR` in DIRECTORY, `hq submit --array 1-N --wait true`,
then both stopped. Without one (the PyPI wheel `hyperqueue` ships no binary, only its Python API
with the server and worker built in): `hyperqueue.LocalCluster` with one worker on all CPUs, one
job of N `true` tasks (the API has no task arrays), each with its stdout and stderr files in
DIRECTORY as `hq submit` makes them. Prints one JSON line: {"tasks": N, "way": ...}.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path


def with_binary(hq: str, count: int, directory: Path) -> None:
    env = {**os.environ, "HQ_SERVER_DIR": str(directory / "hq-server")}
    started: list[subprocess.Popen[bytes]] = []
    try:
        for args in (["server", "start"], ["worker", "start"]):
            log = open(directory / f"hq-{args[0]}.log", "wb")  # noqa: SIM115 - the child's
            started.append(
                subprocess.Popen([hq, *args], env=env, stdout=log, stderr=log, cwd=directory)
            )
            log.close()
            if args[0] == "server":  # the worker needs the server's access file
                deadline = time.monotonic() + 30
                while not list((directory / "hq-server").glob("*/access.json")):
                    if time.monotonic() > deadline or started[0].poll() is not None:
                        raise RuntimeError("hq server did not start")
                    time.sleep(0.01)
        subprocess.run(
            [hq, "submit", "--array", f"1-{count}", "--wait", "true"],
            env=env,
            cwd=directory,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run([hq, "server", "stop"], env=env, check=False, capture_output=True)
    finally:
        for proc in reversed(started):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def with_python_api(count: int, directory: Path) -> None:
    from hyperqueue import Job, LocalCluster
    from hyperqueue.cluster import WorkerConfig

    with LocalCluster() as cluster:  # a server directory of its own, in the temp directory
        cluster.start_worker(WorkerConfig())  # all CPUs
        client = cluster.client()
        job = Job(default_workdir=directory)
        for _ in range(count):
            job.program(["true"])
        submitted = client.submit(job)
        if not client.wait_for_jobs([submitted], raise_on_error=False):
            raise RuntimeError("some HyperQueue tasks failed")


def main(argv: list[str]) -> int:
    count, directory = int(argv[0]), Path(argv[1]).resolve()
    os.environ["TMPDIR"] = str(directory)  # LocalCluster's server directory goes there
    hq = shutil.which("hq")
    if hq:
        with_binary(hq, count, directory)
        way = "hq binary: hq submit --array"
    else:
        with_python_api(count, directory)
        way = "hyperqueue Python API: LocalCluster, one job of N tasks"
    print(json.dumps({"tasks": count, "way": way}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

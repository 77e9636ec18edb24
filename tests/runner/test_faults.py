"""Faults that used to strand or repeat work: an answer lost after the server committed the
work, a runner killed outright, several runners starting together on a new workflow. In each
case every job runs (once, where the runner controls it) and the run finishes."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from tests.runner.conftest import Api, Torc, report, wait_for
from tests.runner.dropping_proxy import DroppingProxy


def _jobs(count: int, command: str) -> list[dict[str, str]]:
    return [{"name": f"job_{i}", "command": command.format(i=i)} for i in range(1, count + 1)]


def _ran(path: Path) -> Counter[str]:
    return Counter(path.read_text().split()) if path.exists() else Counter()


def _completes_and_claims(request: bytes, answer: bytes) -> bool:
    """A report-and-claim that finished jobs and claimed more, answered 200."""
    head, _, body = request.partition(b"\r\n\r\n")
    if b"/complete_jobs/" not in head.split(b"\r\n", 1)[0] or not answer.startswith(
        b"HTTP/1.1 200"
    ):
        return False
    sent = json.loads(body)
    claimed = json.loads(answer.partition(b"\r\n\r\n")[2]).get("claimed") or []
    return bool(sent.get("completions")) and bool(claimed)


def test_an_answer_lost_after_the_commit_loses_no_job_and_runs_none_twice(
    torc: Torc, api: Api
) -> None:
    ran = torc.cwd / "ran.txt"
    workflow_id = api.create(
        {
            "compute_node_wait_for_new_jobs_seconds": 5,
            "jobs": _jobs(30, f"echo {{i}} >> {ran}"),
        }
    )
    upstream = urlsplit(torc.url or "")
    proxy = DroppingProxy(upstream.port or 80, _completes_and_claims)
    try:
        via_proxy = dataclasses.replace(torc, url=f"http://127.0.0.1:{proxy.port}{upstream.path}")
        done = via_proxy(
            "-f",
            "json",
            "run",
            str(workflow_id),
            "-o",
            "out",
            "-p",
            "0.5",
            "--max-parallel-jobs",
            "2",
        )
    finally:
        proxy.close()
    assert proxy.dropped.is_set(), "no answer was dropped"
    assert done.returncode == 0, report(done)
    assert set(api.statuses(workflow_id).values()) == {"completed"}
    assert _ran(ran) == Counter(str(i) for i in range(1, 31)), "a job was lost or ran twice"
    per_job = Counter(r["job_id"] for r in api.results(workflow_id))
    assert set(per_job.values()) == {1}, per_job


def test_a_runner_killed_outright_leaves_nothing_stranded(torc: Torc, api: Api) -> None:
    """SIGKILL to `torc run` while jobs run and more are claimed: `torc run` again gives the
    dead runner's jobs back and finishes the workflow."""
    workflow_id = api.create(
        {
            "compute_node_wait_for_new_jobs_seconds": 5,
            "jobs": _jobs(8, "sleep 1; echo {i} >> done.txt"),
        }
    )
    first = torc.start(
        "run", str(workflow_id), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "2"
    )
    try:
        wait_for(
            lambda: Counter(api.statuses(workflow_id).values())["running"] == 2,
            what="two running jobs",
        )
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate()
    held = Counter(api.statuses(workflow_id).values())
    assert held["running"] + held["pending"] >= 2, held  # stranded, as the runner left them
    done = torc("run", str(workflow_id), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "2")
    assert done.returncode == 0, report(done)
    assert set(api.statuses(workflow_id).values()) == {"completed"}
    log = "".join(p.read_text() for p in (torc.cwd / "out").glob("job_runner_*.log"))
    assert "held by a runner that is gone" in log, log
    nodes = api.compute_nodes(workflow_id)
    assert [n["is_active"] for n in nodes] == [False, False], nodes


def test_runners_starting_together_initialize_once(torc: Torc, api: Api) -> None:
    ran = torc.cwd / "ran.txt"
    workflow_id = api.create(
        {
            "compute_node_wait_for_new_jobs_seconds": 3,
            "jobs": _jobs(40, f"echo {{i}} >> {ran}"),
        }
    )
    runners = [torc.start("run", str(workflow_id), "-o", f"out{k}", "-p", "0.5") for k in range(4)]
    outcomes = []
    for proc in runners:
        out, err = proc.communicate(timeout=120)
        outcomes.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    for outcome in outcomes:
        assert outcome.returncode == 0, report(outcome)
    assert api.get(f"/workflows/{workflow_id}/status")["run_id"] == 1
    assert _ran(ran) == Counter(str(i) for i in range(1, 41)), "a job ran twice or not at all"

"""Faults that used to strand or repeat work: an answer lost after the server committed the
work, a runner killed outright, several runners starting together on a new workflow. In each
case every job runs (once, where the runner controls it) and the run finishes."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
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


def test_the_jobs_of_a_runner_killed_outright_do_not_run_on(torc: Torc, api: Api) -> None:
    """The server gives a dead runner's jobs to the next runner: their processes must not still
    be running on the dead runner's host (the guardian of torc_runner.orphans ends them)."""
    pids = torc.cwd / "pids.txt"
    # each job names itself after half a second: the runner tells the guardian of a start within
    # 50 ms (orphans.NOTE_SECONDS)
    command = f"sleep 0.5; echo $$ >> {pids}; sleep 300 & sleep 300; wait"
    workflow_id = api.create({"jobs": _jobs(2, command)})
    first = torc.start(
        "run", str(workflow_id), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "2"
    )
    try:
        wait_for(
            lambda: len(_ran(pids)) == 2,
            what="two running jobs",
        )
    finally:
        first.send_signal(signal.SIGKILL)
        _, err = first.communicate()
    groups = [int(pid) for pid in _ran(pids)]

    def gone() -> bool:
        alive = []
        for group in groups:
            try:
                os.killpg(group, 0)
                alive.append(group)
            except ProcessLookupError:
                pass
        return not alive

    try:
        wait_for(gone, what="the dead runner's job processes ended", timeout=20)
    finally:
        for group in groups:  # whatever the outcome, nothing of this test outlives it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
    assert "ended while 2 of its jobs ran: sent them SIGTERM" in err, err


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


def test_jobs_of_a_silent_runner_elsewhere_run_again(torc: Torc, api: Api) -> None:
    """A compute node on another host that the server has not heard from for longer than a
    runner waits for an unreachable server is gone: `torc run` gives its jobs back."""
    ran = torc.cwd / "ran.txt"
    workflow_id = api.create(
        {
            "compute_node_wait_for_healthy_database_minutes": 0,
            "compute_node_wait_for_new_jobs_seconds": 3,
            "jobs": _jobs(3, f"echo {{i}} >> {ran}"),
        }
    )
    http = api.http
    started = http.post(
        f"/workflows/{workflow_id}/initialize_jobs", params={"start_run_if_uninitialized": True}
    )
    assert started.json()["run_id"] == 1, started.text
    body = {
        "workflow_id": workflow_id,
        "hostname": "a-node-elsewhere",
        "pid": 4242,
        "start_time": "2020-01-01T00:00:00.000Z",
        "is_active": True,
        "num_cpus": 2,
        "memory_gb": 1.0,
        "num_gpus": 0,
        "num_nodes": 1,
        "compute_node_type": "local",
    }
    node = http.post("/compute_nodes", json=body).json()
    claim = {"compute_node_id": node["id"], "limit": 2}
    claimed = http.post(
        f"/workflows/{workflow_id}/complete_jobs/1", json={"completions": [], "claim": claim}
    ).json()["claimed"]
    assert len(claimed) == 2
    assert api.get(f"/compute_nodes/{node['id']}")["last_seen"] > "2020-01-02"  # heard now
    # ... and then nothing more: the runner there fell silent long ago
    silent = {**body, "last_seen": "2020-01-01T00:05:00.000Z"}
    assert http.put(f"/compute_nodes/{node['id']}", json=silent).status_code == 200
    done = torc("run", str(workflow_id), "-o", "out", "-p", "0.5")
    assert done.returncode == 0, report(done)
    assert _ran(ran) == Counter(["1", "2", "3"])
    assert api.get(f"/compute_nodes/{node['id']}")["is_active"] is False


def test_a_runner_elsewhere_heard_from_lately_is_alive() -> None:
    from types import SimpleNamespace

    from torc_runner.abandoned import is_gone
    from torc_runner.timestamps import now_iso

    node = SimpleNamespace(
        is_active=True, hostname="a-node-elsewhere", pid=1, start_time=now_iso(),
        last_seen=now_iso(),
    )  # fmt: skip
    assert not is_gone(node, "this-host", silence=120)
    node.last_seen = "2020-01-01T00:00:00.000Z"
    assert is_gone(node, "this-host", silence=120)
    node.last_seen = None  # an older server: nothing to tell
    assert not is_gone(node, "this-host", silence=120)

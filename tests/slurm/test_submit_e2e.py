"""End to end on the real test cluster: allocations submitted by torc run torc-slurm-job-runner,
which runs the workflow to completion (including allocations a runner submits for a later stage).
"""

from __future__ import annotations

import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, cli_env
from tests.slurm import cluster
from torc import make_api
from torc_runner.slurm import tools

pytest.importorskip("torc_runner.slurm.job_runner", reason="torc-slurm-job-runner not here yet")


@pytest.fixture
def scli(slurm_cluster, server, tmp_path: Path) -> Iterator[Cli]:
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    torc = Cli(server.url, tmp_path / "work", cli_env(server.url, tmp_path / "home"))
    torc.env.update(cluster.environment())
    yield torc
    names = tools.run(["squeue", "-h", "-o", "%i %j"]).splitlines()
    mine = [line.split()[0] for line in names if f"_{tmp_path.name}" in line]
    if mine:
        tools.run(["scancel", *mine])


def write(torc: Cli, text: str) -> Path:
    path = torc.cwd / "workflow.yaml"
    path.write_text(textwrap.dedent(text).replace("NAME", f"wf_{uuid.uuid4().hex[:8]}"))
    return path


def wait_complete(torc: Cli, workflow_id: int, timeout: float = 150) -> None:
    api = make_api(torc.url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if api.is_workflow_complete(workflow_id).is_complete:
            return
        time.sleep(0.5)
    raise AssertionError(f"workflow {workflow_id} not complete after {timeout} s")


def wait_allocations_done(torc: Cli, workflow_id: int, timeout: float = 60) -> list[dict]:
    """Until every scheduled compute node is complete (the head runner marks it on exit)."""
    api = make_api(torc.url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        nodes = [n.to_dict() for n in api.iter_scheduled_compute_nodes(workflow_id)]
        if nodes and all(n["status"] == "complete" for n in nodes):
            return nodes
        time.sleep(0.5)
    raise AssertionError(f"allocations of workflow {workflow_id} not all complete: {nodes}")


def test_schedule_nodes_allocations_run_the_workflow(scli: Cli) -> None:
    path = write(
        scli,
        f"""
        name: NAME
        jobs:
          - name: job_{{i}}
            command: echo hello {{i}}
            parameters: {{i: "1:4"}}
        slurm_schedulers:
          - name: short
            account: torctest
            partition: {cluster.PARTITION}
            walltime: "00:05:00"
        """,
    )
    workflow_id = int(scli.json("workflows", "create", str(path))["id"])
    scli.ok("workflows", "initialize", str(workflow_id), "--no-prompts")
    out = scli.json(
        "slurm", "schedule-nodes", str(workflow_id), "-n", "2", "-p", "1", "-o", "out",
        "-j", f"t_{scli.cwd.parent.name}",
    )  # fmt: skip
    assert len(out["allocations"]) == 2
    wait_complete(scli, workflow_id)
    jobs = scli.json("jobs", "list", str(workflow_id))["jobs"]
    assert sorted(j["status"] for j in jobs) == ["completed"] * 4
    nodes = wait_allocations_done(scli, workflow_id)
    assert len(nodes) == 2
    for allocation in out["allocations"]:
        stdio = scli.cwd / "out" / f"slurm_output_wf{workflow_id}_sl{allocation['slurm_job_id']}"
        assert stdio.with_suffix(".e").exists() and stdio.with_suffix(".o").exists()
    assert list((scli.cwd / "out").glob("*.sh")) == []  # scripts removed


def test_submit_runs_staged_allocations_to_completion(scli: Cli) -> None:
    path = write(
        scli,
        f"""
        name: NAME
        execution_config:
          staggered_start: false
        jobs:
          - name: first
            command: echo first
            scheduler: stage1
          - name: second
            command: echo second
            depends_on: [first]
            scheduler: stage2
        slurm_schedulers:
          - name: stage1
            account: torctest
            partition: {cluster.PARTITION}
            walltime: "00:05:00"
          - name: stage2
            account: torctest
            partition: {cluster.PARTITION}
            walltime: "00:05:00"
        actions:
          - trigger_type: on_workflow_start
            action_type: schedule_nodes
            scheduler: stage1
            scheduler_type: slurm
            num_allocations: 1
          - trigger_type: on_jobs_ready
            action_type: schedule_nodes
            jobs: [second]
            scheduler: stage2
            scheduler_type: slurm
            num_allocations: 1
        """,
    )
    out = scli.json("submit", str(path))
    workflow_id = out["workflow_id"]
    wait_complete(scli, workflow_id)
    jobs = scli.json("jobs", "list", str(workflow_id))["jobs"]
    assert {j["name"]: j["status"] for j in jobs} == {"first": "completed", "second": "completed"}
    nodes = wait_allocations_done(scli, workflow_id)
    schedulers = {
        s["name"]: s["id"] for s in scli.json("slurm", "list", str(workflow_id))["slurm_schedulers"]
    }
    # one allocation per stage: the second was submitted by the first stage's runner
    assert sorted(n["scheduler_config_id"] for n in nodes) == sorted(schedulers.values())

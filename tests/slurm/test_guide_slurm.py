"""The guide's Slurm walk-throughs, run as written against the real test cluster.

Adjusted only where a real cluster differs from the guide's: the account, and a free port for
the server. Each test follows a reader: it starts the server the way the guide does, types the
guide's commands through the installed `torc`, and checks what a reader would check.
"""

from __future__ import annotations

import getpass
import json
import shutil
import subprocess
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import TORC, Cli, cli_env
from tests.conftest import RunningServer, start_server, stop_server
from tests.slurm import cluster
from tests.slurm.test_submit_e2e import wait_allocations_done, wait_complete
from torc import make_api
from torc_runner.slurm import tools

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def login_node(slurm_cluster, tmp_path: Path) -> Iterator[tuple[RunningServer, Cli]]:
    """The guide's login node: `torc-server run --database torc.db --completion-check-interval-secs 5`."""
    work = tmp_path / "work"
    (tmp_path / "home").mkdir()
    work.mkdir()
    server = start_server(work / "torc.db", "--completion-check-interval-secs", "5")
    torc = Cli(server.url, work, cli_env(server.url, tmp_path / "home"))
    torc.env.update(cluster.environment())
    try:
        yield server, torc
    finally:
        live = []
        for workflow in make_api(server.url).iter_workflows():
            for node in make_api(server.url).iter_scheduled_compute_nodes(workflow.id):
                if node.status != "complete":
                    live.append(str(node.scheduler_id))
        if live:
            tools.run(["scancel", *live])
        stop_server(server)


def test_quick_start_hpc(login_node: tuple[RunningServer, Cli]) -> None:
    """Quick Start (HPC): detect the system, see its partitions, submit-slurm, monitor."""
    _, torc = login_node
    detected = torc.ok("hpc", "detect")
    assert "Detected HPC system" in detected
    partitions = torc.json("hpc", "partitions", "slurm")
    assert cluster.PARTITION in json.dumps(partitions)
    (torc.cwd / "workflow.yaml").write_text(
        textwrap.dedent(
            """\
            name: hpc_hello_world
            description: Simple HPC workflow

            resource_requirements:
              - name: small
                num_cpus: 4
                memory: 8g
                runtime: PT30M

            jobs:
              - name: job1
                command: echo "Hello from compute node!" && hostname
                resource_requirements: small

              - name: job2
                command: echo "Hello again!" && hostname
                resource_requirements: small
                depends_on: [job1]
            """
        )
    )
    said = torc.ok("submit-slurm", "--account", "torctest", "workflow.yaml")
    assert "Submitted" in said or "submitted" in said
    workflows = torc.json("workflows", "list")["workflows"]
    (workflow,) = [w for w in workflows if w["name"] == "hpc_hello_world"]
    queued = subprocess.run(
        ["squeue", "-u", getpass.getuser(), "-h", "-o", "%i %j"],
        capture_output=True,
        text=True,
        env=torc.env,
        check=True,
    ).stdout
    submitted = [
        str(n.scheduler_id) for n in make_api(torc.url).iter_scheduled_compute_nodes(workflow["id"])
    ]
    assert submitted and all(job_id in queued or _finished(job_id) for job_id in submitted), (
        "the allocation torc recorded is not one Slurm knows"
    )
    wait_complete(torc, workflow["id"])
    jobs = torc.json("jobs", "list", str(workflow["id"]))["jobs"]
    assert {j["name"]: j["status"] for j in jobs} == {"job1": "completed", "job2": "completed"}
    out = {
        r["job_id"]: r["return_code"]
        for r in torc.json("results", "list", str(workflow["id"]))["results"]
    }
    assert set(out.values()) == {0}
    stdout = sorted((torc.cwd / "output" / "job_stdio").glob("*.o"))
    texts = "".join(p.read_text() for p in stdout)
    assert "Hello from compute node!" in texts and "Hello again!" in texts
    assert cluster.node_name() in texts  # hostname ran on the compute node


def _finished(job_id: str) -> bool:
    return bool(tools.run(["sacct", "-n", "-X", "-P", "-j", job_id, "-o", "State"]).strip())


def test_submit_slurm_diamond_with_files(login_node: tuple[RunningServer, Cli]) -> None:
    """The diamond (dependencies from files) through Slurm gives the files a local run gives."""
    _, torc = login_node
    for part in ("scripts", "data", "yaml"):
        shutil.copytree(EXAMPLES / part, torc.cwd / "examples" / part)
    local = torc.cwd.parent / "local"
    shutil.copytree(torc.cwd / "examples", local / "examples")
    subprocess.run(
        [*TORC, "-s", "run", "examples/yaml/diamond_workflow.yaml"],
        cwd=local,
        env=torc.env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    out = torc.json("submit-slurm", "--account", "torctest", "examples/yaml/diamond_workflow.yaml")
    workflow_id = out["workflow_id"]
    wait_complete(torc, workflow_id, timeout=240)
    jobs = torc.json("jobs", "list", str(workflow_id))["jobs"]
    assert sorted(j["status"] for j in jobs) == ["completed"] * 4
    for name in ("f2", "f3", "f4", "f5", "f6"):
        produced = torc.cwd / "output" / "diamond" / f"{name}.json"
        assert produced.read_text() == (local / "output" / "diamond" / f"{name}.json").read_text()
    # one allocation per stage: preprocess, the two work jobs, postprocess
    assert len(wait_allocations_done(torc, workflow_id)) == 3


def test_later_stage_is_allocated_only_when_its_jobs_are_ready(
    login_node: tuple[RunningServer, Cli],
) -> None:
    """An on_jobs_ready schedule_nodes action waits for the first stage to finish."""
    _, torc = login_node
    marker = torc.cwd / "first_may_finish"
    (torc.cwd / "staged.yaml").write_text(
        textwrap.dedent(
            f"""\
            name: staged
            execution_config:
              staggered_start: false
            jobs:
              - name: first
                command: while [ ! -e {marker} ]; do sleep 0.2; done
                scheduler: stage1
              - name: second
                command: echo second
                depends_on: [first]
                scheduler: stage2
            slurm_schedulers:
              - name: stage1
                account: torctest
                walltime: "00:05:00"
              - name: stage2
                account: torctest
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
            """
        )
    )
    workflow_id = torc.json("submit", "staged.yaml")["workflow_id"]
    api = make_api(torc.url)
    deadline = time.monotonic() + 60
    while api.get_job(_job_id(api, workflow_id, "first")).status != "running":
        assert time.monotonic() < deadline, "the first stage never started"
        time.sleep(0.3)
    time.sleep(3)  # a runner that wrongly ran the later action would have submitted by now
    assert len(list(api.iter_scheduled_compute_nodes(workflow_id))) == 1
    marker.touch()
    wait_complete(torc, workflow_id)
    assert len(wait_allocations_done(torc, workflow_id)) == 2


def _job_id(api, workflow_id: int, name: str) -> int:
    (job,) = [j for j in api.iter_jobs(workflow_id) if j.name == name]
    return job.id

"""schedule_nodes actions: refused at creation when they name no or an unknown scheduler, and
carried out by a runner that handles them (SLURM_HANDLED) by submitting to the real cluster."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tests.cli.conftest import Cli, cli_env
from tests.slurm import cluster
from torc import make_api
from torc.manager import initialize
from torc_runner.actions import HANDLED, SLURM_HANDLED, ActionRunner
from torc_runner.slurm import tools

SPEC = """
name: actions
jobs: [{name: a, command: "true"}]
slurm_schedulers: [{name: short, account: torctest, walltime: "00:05:00"}]
actions:
  - trigger_type: on_workflow_start
    action_type: schedule_nodes
    scheduler_type: slurm
    num_allocations: 1
"""


def test_an_action_naming_no_scheduler_is_refused_at_creation(server, tmp_path: Path) -> None:
    torc = Cli(server.url, tmp_path, cli_env(server.url, tmp_path))
    (tmp_path / "none.yaml").write_text(SPEC)
    line = torc.fails("workflows", "create", "none.yaml")
    assert "none.yaml:" in line and "Action #1" in line and "requires scheduler" in line
    (tmp_path / "typo.yaml").write_text(
        SPEC.replace("    scheduler_type: slurm", "    scheduler: shrot\n    scheduler_type: slurm")
    )
    line = torc.fails("workflows", "create", "typo.yaml")
    assert "typo.yaml:8:" in line and "Action #1" in line and "'shrot'" in line
    assert "did you mean 'short'" in line


def test_a_slurm_runner_carries_out_an_on_jobs_ready_schedule_nodes_action(
    slurm_cluster, server, tmp_path: Path
) -> None:
    api = make_api(server.url)
    workflow = api.create_workflow_from_spec(
        {
            "name": "ready_action",
            "user": "tester",
            "jobs": [{"name": "a", "command": "true"}],
            "slurm_schedulers": [
                {
                    "name": "later",
                    "account": "torctest",
                    "nodes": 1,
                    "walltime": "00:05:00",
                    "partition": cluster.PARTITION,
                    "extra": "--begin=now+1hour",
                }
            ],
            "actions": [
                {
                    "trigger_type": "on_jobs_ready",
                    "action_type": "schedule_nodes",
                    "jobs": ["a"],
                    "action_config": {
                        "scheduler": "later",
                        "scheduler_type": "slurm",
                        "num_allocations": 2,
                        "max_parallel_jobs": 3,
                    },
                }
            ],
        }
    ).workflow
    initialize(api, workflow.id)
    node = api.create_compute_node(
        {
            "workflow_id": workflow.id,
            "hostname": "login",
            "pid": 1,
            "start_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "num_cpus": 1,
            "memory_gb": 1.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "local",
        }
    )
    out = tmp_path / "out"
    local = ActionRunner(api, workflow.id, node.id, out, handled=HANDLED)
    assert asyncio.run(local.run_pending(["on_jobs_ready"])) == 0  # not for a local runner
    runner = ActionRunner(api, workflow.id, node.id, out, handled=SLURM_HANDLED)
    assert runner.watches_jobs
    assert asyncio.run(runner.run_pending(["on_jobs_ready"])) == 1
    nodes = list(api.iter_scheduled_compute_nodes(workflow.id))
    try:
        assert len(nodes) == 2
        assert {(n.scheduler_type, n.status) for n in nodes} == {("slurm", "pending")}
        said = tools.run(["squeue", "-h", "-j", ",".join(str(n.scheduler_id) for n in nodes)])
        assert len(said.strip().splitlines()) == 2
        # claimed once: a second runner finds nothing to do
        assert asyncio.run(runner.run_pending(["on_jobs_ready"])) == 0
    finally:
        tools.run(["scancel", *(str(n.scheduler_id) for n in nodes)])

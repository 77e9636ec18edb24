"""One allocation of two nodes with one worker per node (`srun`), on the test cluster's hidden
two-node partition: both workers register, share the workflow's jobs, and each job runs once."""

from __future__ import annotations

import collections

from tests.cli.conftest import Cli
from tests.slurm import cluster
from tests.slurm.test_submit_e2e import scli, wait_allocations_done, wait_complete, write

__all__ = ["scli"]  # the fixture, used by name


def test_one_worker_per_node_of_a_two_node_allocation(scli: Cli) -> None:
    marks = scli.cwd / "marks"
    marks.mkdir()
    path = write(
        scli,
        f"""
        name: NAME
        execution_config:
          staggered_start: false
        jobs:
          - name: job_{{i}}
            command: sleep 1 && echo "$SLURM_TOPOLOGY_ADDR $SLURM_JOB_ID" > {marks}/{{i}}.txt
            parameters: {{i: "1:8"}}
            resource_requirements: one
        resource_requirements:
          - name: one
            num_cpus: 1
            memory: 100m
            runtime: PT1M
        slurm_schedulers:
          - name: pair
            account: torctest
            partition: {cluster.MULTI_PARTITION}
            nodes: 2
            walltime: "00:10:00"
        actions:
          - trigger_type: on_workflow_start
            action_type: schedule_nodes
            scheduler: pair
            scheduler_type: slurm
            num_allocations: 1
            start_one_worker_per_node: true
        """,
    )
    workflow_id = scli.json("submit", str(path))["workflow_id"]
    # each of the two nodes gives one CPU (sbatch's default: one task per node) and 1,000 MB
    wait_complete(scli, workflow_id)

    jobs = scli.json("jobs", "list", str(workflow_id))["jobs"]
    assert sorted(j["status"] for j in jobs) == ["completed"] * 8
    lines = [p.read_text().split() for p in sorted(marks.glob("*.txt"))]
    assert len(lines) == 8
    allocations = {allocation for _, allocation in lines}
    assert len(allocations) == 1  # one Slurm allocation ...
    per_node = collections.Counter(node for node, _ in lines)
    assert set(per_node) == set(cluster.MULTI_NODES)  # ... whose two nodes both ran jobs
    results = scli.json("results", "list", str(workflow_id))["results"]
    assert sorted(r["job_id"] for r in results) == sorted(j["id"] for j in jobs)  # each once
    workers = scli.json("compute-nodes", "list", str(workflow_id))["compute_nodes"]
    assert len(workers) == 2 and len({w["pid"] for w in workers}) == 2
    # each offers its own node: one CPU and the 1,000 MB Slurm gave it, not the machine's memory
    assert [(w["num_nodes"], w["num_cpus"]) for w in workers] == [(1, 1), (1, 1)]
    assert all(0.9 < w["memory_gb"] < 1.0 for w in workers)
    assert {r["compute_node_id"] for r in results} == {w["id"] for w in workers}
    (scheduled,) = wait_allocations_done(scli, workflow_id)
    assert scheduled["scheduler_id"] is not None

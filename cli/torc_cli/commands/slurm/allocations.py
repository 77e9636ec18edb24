"""A workflow's Slurm allocations and the torc jobs that ran in each, from the server's records.

An allocation is known by its Slurm job id: the scheduled compute node records it as
`scheduler_id`, and each runner started inside it registers a compute node whose `scheduler`
object carries `slurm_job_id` (and `scheduler_id`, the scheduled compute node's id). Results name
the compute node that ran them, which leads from a Slurm job id to torc jobs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TorcJob:
    id: int
    name: str

    def label(self) -> str:
        return f"{self.name} (ID: {self.id})"


def _value(value: Any) -> Any:
    if value is None or type(value).__name__ == "Unset":
        return None
    return getattr(value, "value", value)


def _scheduler(node: Any) -> dict[str, Any]:
    scheduler = _value(node.scheduler)
    if hasattr(scheduler, "to_dict"):
        scheduler = scheduler.to_dict()
    return scheduler if isinstance(scheduler, dict) else {}


def slurm_job_id_of(api: Any, node: Any) -> str | None:
    """The Slurm job id of the allocation a compute node (runner) ran in; None when unknown."""
    from torc import ApiError

    scheduler = _scheduler(node)
    if scheduler.get("slurm_job_id") is not None:
        return str(scheduler["slurm_job_id"])
    if _value(node.compute_node_type) != "slurm" or scheduler.get("scheduler_id") is None:
        return None
    try:
        return str(api.get_scheduled_compute_node(scheduler["scheduler_id"]).scheduler_id)
    except ApiError:
        return None


def slurm_job_ids(api: Any, workflow_id: int) -> list[str]:
    """Slurm job ids of the workflow's allocations, in submission order."""
    ids = [
        str(node.scheduler_id)
        for node in api.iter_scheduled_compute_nodes(workflow_id)
        if _value(node.scheduler_type) == "slurm"
    ]
    return list(dict.fromkeys(ids))


def compute_node_allocations(api: Any, workflow_id: int) -> dict[int, str]:
    """Compute node id -> Slurm job id, for the workflow's runners that ran inside Slurm."""
    scheduled = {
        node.id: str(node.scheduler_id)
        for node in api.iter_scheduled_compute_nodes(workflow_id)
        if _value(node.scheduler_type) == "slurm"
    }
    found: dict[int, str] = {}
    for node in api.iter_compute_nodes(workflow_id):
        if _value(node.compute_node_type) != "slurm":
            continue
        scheduler = _scheduler(node)
        slurm_job_id = scheduler.get("slurm_job_id")
        if slurm_job_id is None:
            slurm_job_id = scheduled.get(scheduler.get("scheduler_id"))
        if slurm_job_id is not None:
            found[node.id] = str(slurm_job_id)
    return found


def jobs_by_allocation(api: Any, workflow_id: int) -> dict[str, list[TorcJob]]:
    """Slurm job id -> the torc jobs that ran in that allocation: those with a result from one
    of its runners (any run), and those its runners started and never finished (an allocation
    killed for its memory or time limit leaves its running jobs without a result)."""
    allocation_of = compute_node_allocations(api, workflow_id)
    if not allocation_of:
        return {}
    names = {job.id: job.name for job in api.iter_jobs(workflow_id)}
    jobs: dict[str, dict[int, TorcJob]] = defaultdict(dict)
    for result in api.iter_results(workflow_id, all_runs=True):
        slurm_job_id = allocation_of.get(result.compute_node_id)
        if slurm_job_id is not None:
            name = names.get(result.job_id, "?")
            jobs[slurm_job_id][result.job_id] = TorcJob(result.job_id, name)
    for node_id, slurm_job_id in allocation_of.items():
        for job in api.iter_jobs(workflow_id, active_compute_node_id=node_id):
            jobs[slurm_job_id][job.id] = TorcJob(job.id, job.name)
    return {key: sorted(found.values(), key=lambda job: job.id) for key, found in jobs.items()}

"""Jobs that can never run on this machine: they need more CPUs, memory or GPUs than it offers.

A runner only claims jobs that fit, so such a job would wait for ever; `torc run` says so before
it starts, naming the jobs, what they lack and the option that tells the runner more.
"""

from __future__ import annotations

from typing import Any

from torc.pagination import iter_json_pages
from torc_runner.resources import Resources
from torc_runner.units import memory_to_bytes

_WAITING = ("ready", "blocked")
_SHOWN = 3


def shortfalls(
    api: Any,
    workflow_id: int,
    resources: Resources,
    requirements: list[dict[str, Any]] | None = None,
) -> str | None:
    """One sentence naming the waiting jobs that cannot fit, or None when all can.
    `requirements`: the workflow's resource requirements (plain JSON) when the caller has them."""
    too_big: dict[int, str] = {}
    if requirements is None:
        requirements = list(iter_json_pages(api, "/resource_requirements", workflow_id=workflow_id))
    for rr in requirements:
        lacking = _lacking(rr, resources)
        if lacking:
            too_big[rr["id"]] = lacking
    if not too_big:
        return None
    jobs = [
        job
        for status in _WAITING
        for job in api.iter_jobs(workflow_id, status=status)
        if _value(job.resource_requirements_id) in too_big
    ]
    if not jobs:
        return None
    jobs.sort(key=lambda job: job.id)
    shown = [f"{job.name} {too_big[job.resource_requirements_id]}" for job in jobs[:_SHOWN]]
    more = f", and {len(jobs) - _SHOWN} more" if len(jobs) > _SHOWN else ""
    count = f"{len(jobs)} job{'s' if len(jobs) != 1 else ''}"
    return f"{count} can never run on this machine: {'; '.join(shown)}{more}"


def _lacking(rr: dict[str, Any], offer: Resources) -> str:
    """`needs 8 CPUs (this machine offers 2: --num-cpus)`, each resource that is short."""
    parts = []
    cpus, gpus = int(rr.get("num_cpus") or 1), int(rr.get("num_gpus") or 0)
    memory = memory_to_bytes(rr.get("memory"))
    if cpus > offer.num_cpus:
        parts.append(f"{cpus} CPUs (this machine offers {offer.num_cpus}: --num-cpus)")
    if memory > offer.memory_gb * 1024**3:
        parts.append(
            f"{memory / 1024**3:.1f} GB of memory ({offer.memory_gb:.1f} GB here: --memory-gb)"
        )
    if gpus > offer.num_gpus:
        parts.append(f"{gpus} GPUs ({offer.num_gpus} here: --num-gpus)")
    return "needs " + ", ".join(parts) if parts else ""


def _value(value: Any) -> Any:
    return None if type(value).__name__ == "Unset" else value

"""How big and how many Slurm allocations a group of like jobs needs on a partition.

- Jobs at once per node: as many as the node's CPUs, memory and GPUs allow (at least 1).
- Time slots: how many runs of the job fit one after another in the allocation's walltime.
- Allocations: the group's jobs over (jobs per node x time slots), each allocation as many nodes
  as one job needs, capped at the nodes the partition lets one user hold.
- Walltime: `max-partition-time` (the default, as the user guide describes: workers exit when the
  work is done, so the longest time costs nothing and gives headroom) or `max-job-runtime` (the
  job's runtime times a multiplier, 1.5 by default, within the partition's limit).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from torc_hpc.match import Request
from torc_hpc.profiles import Partition

WALLTIME_STRATEGIES = ("max-partition-time", "max-job-runtime")
DEFAULT_MULTIPLIER = 1.5


def walltime_secs(
    partition: Partition,
    runtime_secs: int,
    strategy: str = "max-partition-time",
    multiplier: float = DEFAULT_MULTIPLIER,
) -> int:
    if strategy == "max-partition-time":
        return partition.max_walltime_secs
    if strategy == "max-job-runtime":
        wanted = math.ceil(max(runtime_secs, 1) * multiplier / 60) * 60  # whole minutes
        return min(wanted, partition.max_walltime_secs)
    raise ValueError(
        f"unknown walltime strategy {strategy!r} (use {' or '.join(WALLTIME_STRATEGIES)})"
    )


def jobs_per_node(partition: Partition, request: Request) -> int:
    """How many of these jobs one node runs at once (1 for jobs that span nodes)."""
    if request.nodes > 1:
        return 1
    fits = [
        partition.cpus_per_node // max(request.cpus, 1),
        partition.memory_mb // max(request.memory_mb, 1),
    ]
    if request.gpus > 0:
        fits.append(partition.gpus_per_node // request.gpus)
    return max(1, min(fits))


@dataclass(frozen=True)
class Allocation:
    nodes: int
    """Nodes per allocation (the job's `num_nodes`)."""
    num_allocations: int
    jobs_at_once: int
    """Jobs one allocation runs at the same time (per node, for single-node jobs)."""
    time_slots: int


def plan(
    partition: Partition, request: Request, runtime_secs: int, job_count: int, walltime: int
) -> Allocation:
    """Allocations for `job_count` jobs of one kind in one stage."""
    at_once = min(jobs_per_node(partition, request), max(job_count, 1))
    slots = max(1, walltime // max(runtime_secs, 1))
    wanted = math.ceil(max(job_count, 1) / (at_once * slots))
    limit = partition.node_limit
    if limit:
        wanted = min(wanted, max(1, limit // request.nodes))
    return Allocation(request.nodes, max(1, wanted), at_once, slots)

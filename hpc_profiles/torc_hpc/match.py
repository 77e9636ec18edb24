"""Choosing a partition for a job's requirements.

1. Keep the partitions that can satisfy the request (CPUs, memory, GPUs per node, walltime, and
   the node count within the partition's minimum and maximum).
2. Drop debug partitions, unless nothing else fits.
3. GPU jobs: the first auto-routed GPU partition, else any GPU partition.
4. Small jobs (at most 26 CPUs and 60,000 MB): the first shared, auto-routed, CPU-only partition.
5. CPU jobs: the first auto-routed CPU-only partition.
6. Then the first auto-routed partition, then the first that fits.

"First" is the profile's order. When nothing fits, `explain` names the limit the request
exceeds and by how much.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from torc_hpc import units
from torc_hpc.profiles import Partition, Profile

SMALL_CPUS = 26
SMALL_MEMORY_MB = 60_000


@dataclass(frozen=True)
class Request:
    cpus: int = 1
    memory_mb: int = 1
    walltime_secs: int = 60
    gpus: int = 0
    nodes: int = 1

    @property
    def small(self) -> bool:
        return self.cpus <= SMALL_CPUS and self.memory_mb <= SMALL_MEMORY_MB

    def describe(self) -> str:
        parts = [f"{self.cpus} CPUs", f"{units.memory_text(self.memory_mb)} memory"]
        if self.gpus:
            parts.append(f"{self.gpus} GPUs")
        parts.append(f"{units.short_duration(self.walltime_secs)} walltime")
        if self.nodes > 1:
            parts.append(f"{self.nodes} nodes")
        return ", ".join(parts)


def shortfalls(partition: Partition, request: Request) -> list[str]:
    """What the partition lacks for the request, one phrase per limit; empty when it fits."""
    out = []
    if request.cpus > partition.cpus_per_node:
        out.append(
            f"{request.cpus} CPUs exceed its {partition.cpus_per_node} CPUs per node "
            f"by {request.cpus - partition.cpus_per_node}"
        )
    if request.memory_mb > partition.memory_mb:
        out.append(
            f"{units.memory_text(request.memory_mb)} memory exceeds its {partition.memory_mb} MB "
            f"per node by {request.memory_mb - partition.memory_mb} MB"
        )
    if request.gpus > partition.gpus_per_node:
        if partition.gpus_per_node:
            out.append(
                f"{request.gpus} GPUs exceed its {partition.gpus_per_node} GPUs per node "
                f"by {request.gpus - partition.gpus_per_node}"
            )
        else:
            out.append(f"{request.gpus} GPUs requested but it has no GPUs")
    if request.walltime_secs > partition.max_walltime_secs:
        over = request.walltime_secs - partition.max_walltime_secs
        out.append(
            f"{units.short_duration(request.walltime_secs)} walltime exceeds its "
            f"{units.short_duration(partition.max_walltime_secs)} limit by {units.short_duration(over)}"
        )
    if request.nodes < partition.min_nodes:
        out.append(f"{request.nodes} nodes are fewer than its minimum of {partition.min_nodes}")
    if partition.max_nodes is not None and request.nodes > partition.max_nodes:
        out.append(f"{request.nodes} nodes exceed its {partition.max_nodes} nodes")
    return out


def can_satisfy(partition: Partition, request: Request) -> bool:
    return not shortfalls(partition, request)


def matching(profile: Profile, request: Request) -> list[Partition]:
    """Every partition that can satisfy the request, in the profile's order."""
    return [p for p in profile.partitions if can_satisfy(p, request)]


def best_partition(profile: Profile, request: Request) -> Partition | None:
    """The partition the rules above choose; None when nothing fits."""
    fits = matching(profile, request)
    if not fits:
        return None
    regular = [p for p in fits if not p.is_debug]
    if regular:
        fits = regular
    if request.gpus > 0:
        gpu = [p for p in fits if p.has_gpus]
        return _first(gpu, auto=True) or _first(gpu) or fits[0]
    if request.small:
        shared = [p for p in fits if p.shared and p.auto_routed and not p.has_gpus]
        if shared:
            return shared[0]
    cpu_only = [p for p in fits if p.auto_routed and not p.has_gpus]
    if cpu_only:
        return cpu_only[0]
    return _first(fits, auto=True) or fits[0]


def _first(partitions: Sequence[Partition], auto: bool = False) -> Partition | None:
    return next((p for p in partitions if p.auto_routed or not auto), None)


def explain(profile: Profile, request: Request) -> str:
    """Why no partition fits, in one line: the limit no partition has, or, when each limit
    alone is met somewhere, what the closest partition lacks."""
    parts = profile.partitions
    largest = {
        "cpus": max(parts, key=lambda p: p.cpus_per_node),
        "memory": max(parts, key=lambda p: p.memory_mb),
        "gpus": max(parts, key=lambda p: p.gpus_per_node),
        "walltime": max(parts, key=lambda p: p.max_walltime_secs),
        "nodes": max(parts, key=lambda p: p.max_nodes or 1_000_000_000),
    }
    where = f"profile '{profile.name}'"
    p = largest["cpus"]
    if request.cpus > p.cpus_per_node:
        return (
            f"{request.cpus} CPUs exceed the largest node of {where} ({p.name}: "
            f"{p.cpus_per_node} CPUs) by {request.cpus - p.cpus_per_node}"
        )
    p = largest["memory"]
    if request.memory_mb > p.memory_mb:
        return (
            f"{units.memory_text(request.memory_mb)} memory exceeds the largest node of {where} "
            f"({p.name}: {p.memory_mb} MB) by {request.memory_mb - p.memory_mb} MB"
        )
    p = largest["gpus"]
    if request.gpus > p.gpus_per_node:
        if not p.gpus_per_node:
            return f"{request.gpus} GPUs requested but no partition of {where} has GPUs"
        return (
            f"{request.gpus} GPUs exceed the largest GPU node of {where} ({p.name}: "
            f"{p.gpus_per_node} GPUs) by {request.gpus - p.gpus_per_node}"
        )
    p = largest["walltime"]
    if request.walltime_secs > p.max_walltime_secs:
        over = request.walltime_secs - p.max_walltime_secs
        return (
            f"{units.short_duration(request.walltime_secs)} walltime exceeds the longest limit "
            f"of {where} ({p.name}: {units.short_duration(p.max_walltime_secs)}) by "
            f"{units.short_duration(over)}"
        )
    p = largest["nodes"]
    if p.max_nodes is not None and request.nodes > p.max_nodes:
        return (
            f"{request.nodes} nodes exceed the largest partition of {where} ({p.name}: "
            f"{p.max_nodes} nodes) by {request.nodes - p.max_nodes}"
        )
    candidates = [part for part in parts if part.has_gpus] if request.gpus else list(parts)
    closest = min(candidates or parts, key=lambda part: len(shortfalls(part, request)))
    lacks = "; ".join(shortfalls(closest, request))
    return f"no partition of {where} has {request.describe()} together; closest is {closest.name}: {lacks}"

"""A profile made on the spot from `sinfo`, for a Slurm cluster no profile describes: its
partitions with CPUs and memory per node, time limit, GPUs (gres), node count, whether nodes are
shared, and the default partition (the one `sinfo` marks with `*`).

Slurm is asked through `torc_runner.slurm.tools.run` (one way to call Slurm, with retries and
one-line errors). Where a partition's nodes differ, the smallest node counts: a job sized for it
fits wherever Slurm places it.
"""

from __future__ import annotations

import re

from torc_hpc import units
from torc_hpc.profiles import Partition, Profile, ProfileError

SINFO_FORMAT = "%P|%c|%m|%l|%G|%D|%h|%a"
"""partition (default marked `*`) | CPUs per node | memory per node (MB) | time limit | gres |
nodes | oversubscribe | availability."""
SINFO_ARGS = ["sinfo", "--noheader", f"--format={SINFO_FORMAT}"]
UNLIMITED_SECS = 365 * 86400
"""What an `infinite` time limit counts as (a year)."""

_GPU = re.compile(r"^gpu(?::(?P<type>[^:(]+))?:(?P<count>\d+)")


def available() -> bool:
    from torc_runner.slurm import tools

    return tools.available("sinfo")


def profile(name: str = "slurm", *, retries: int = 0, timeout: float = 30.0) -> Profile:
    """Ask Slurm (`sinfo`) for this cluster's partitions. Once by default: a person is waiting,
    and a machine whose Slurm does not answer is not a cluster to describe."""
    from torc_runner.slurm import tools

    try:
        text = tools.run(SINFO_ARGS, retries=retries, delay=2.0, timeout=timeout)
    except tools.SlurmError as exc:
        raise ProfileError(f"cannot describe this cluster: {exc}") from None
    cluster = _cluster_name()
    return parse(text, name=name, cluster=cluster)


def _cluster_name() -> str | None:
    import os

    if os.environ.get("SLURM_CLUSTER_NAME"):
        return os.environ["SLURM_CLUSTER_NAME"]
    from torc_runner.slurm import tools

    try:
        text = tools.run(["scontrol", "show", "config"], timeout=30.0)
    except tools.SlurmError:
        return None
    match = re.search(r"^ClusterName\s*=\s*(\S+)", text, re.MULTILINE)
    return match.group(1) if match else None


def gpus(gres: str) -> tuple[int, str | None]:
    """`gpu:h100:4(S:0-1),shard:8` -> (4, 'h100'); `(null)` -> (0, None)."""
    for item in gres.split(","):
        match = _GPU.match(item.strip())
        if match:
            return int(match.group("count")), match.group("type")
    return 0, None


def _number(text: str) -> int:
    return int(text.strip().rstrip("+"))


def _time_limit(text: str) -> int:
    value = text.strip().lower()
    if value in ("infinite", "unlimited", "n/a", ""):
        return UNLIMITED_SECS
    return units.duration_secs(value, bare_minutes=True)


def parse(text: str, *, name: str = "slurm", cluster: str | None = None) -> Profile:
    """`sinfo --noheader --format=SINFO_FORMAT` output -> a profile, partitions in sinfo's order."""
    merged: dict[str, dict] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("|")
        if len(fields) != 8:
            raise ProfileError(f"sinfo line {number}: expected 8 fields, got {line!r}")
        label, cpus, memory, limit, gres, nodes, oversubscribe, _state = fields
        try:
            row = {
                "cpus": _number(cpus),
                "memory": _number(memory),
                "walltime": _time_limit(limit),
                "nodes": _number(nodes),
            }
        except (ValueError, units.UnitError) as exc:
            raise ProfileError(f"sinfo line {number}: {exc} in {line!r}") from None
        row["gpus"], row["gpu_type"] = gpus(gres)
        partition = label.strip().rstrip("*")
        row["default"] = label.strip().endswith("*")
        row["shared"] = not oversubscribe.strip().upper().startswith("EXCLUSIVE")
        known = merged.get(partition)
        if known is None:
            merged[partition] = row
            continue
        for key in ("cpus", "memory", "gpus"):
            known[key] = min(known[key], row[key])
        known["nodes"] += row["nodes"]
        known["walltime"] = max(known["walltime"], row["walltime"])
        known["default"] = known["default"] or row["default"]
        known["shared"] = known["shared"] and row["shared"]
    if not merged:
        raise ProfileError("sinfo lists no partitions")
    partitions = tuple(
        Partition(
            name=partition,
            cpus_per_node=row["cpus"],
            memory_mb=row["memory"],
            max_walltime_secs=row["walltime"],
            gpus_per_node=row["gpus"],
            gpu_type=row["gpu_type"],
            max_nodes=row["nodes"],
            shared=row["shared"],
            # Slurm routes a job without --partition to the default one only
            requires_explicit_request=not row["default"],
            default=row["default"],
            description="from sinfo",
        )
        for partition, row in merged.items()
    )
    where = f"Slurm cluster '{cluster}'" if cluster else "this Slurm cluster"
    return Profile(
        name=name,
        display_name=f"{cluster or 'Slurm'} (sinfo)",
        description=f"{where}, as sinfo describes it",
        partitions=partitions,
        source="sinfo",
    )

"""The least value each count and setting may take: a job cannot need -3 CPUs, and a runner
cannot wait -5 seconds. Refused with 422 naming the field (the document's `minimum`s)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from torc_server.errors import StateConflict
from torc_server.units import duration_to_seconds, memory_to_bytes

MINIMUMS = {
    "num_cpus": 1,
    "num_gpus": 0,
    "num_nodes": 1,
    "compute_node_expiration_buffer_seconds": 0,
    "compute_node_wait_for_new_jobs_seconds": 0,
    "compute_node_wait_for_healthy_database_minutes": 0,
    "compute_node_min_time_for_new_jobs_seconds": 0,
}


def check(values: Mapping[str, Any], where: str = "") -> None:
    """StateConflict naming the first field below its minimum."""
    for name, least in MINIMUMS.items():
        value = values.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value < least:
            raise StateConflict(f"{where}{name} must be at least {least}, not {value}")


def memory_bytes(text: str, where: str = "") -> int:
    """`memory` in bytes; a negative size is refused by name (a malformed one with 400)."""
    if text.strip().startswith("-"):
        raise StateConflict(f"{where}memory must not be negative, not '{text}'")
    return memory_to_bytes(text)


def runtime_seconds(text: str, where: str = "") -> int:
    """`runtime` in seconds; a negative duration is refused by name (a malformed one with 400)."""
    if "-" in text:
        raise StateConflict(f"{where}runtime must not be negative, not '{text}'")
    return duration_to_seconds(text)

"""Time-series resource databases (`job_resource_samples`, written by the job runner's monitor
with `granularity: time_series`) for the Resource Plots tab."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from torc_runner.samples import count, read

MAX_DATABASES = 200


def find_databases(base: Path) -> list[dict[str, Any]]:
    """The `.db` files under `base` that hold resource samples, relative to it."""
    found: list[dict[str, Any]] = []
    if not base.is_dir():
        raise FileNotFoundError(str(base))
    for path in sorted(base.rglob("*.db")):
        if len(found) >= MAX_DATABASES:
            break
        if not path.resolve().is_relative_to(base):
            continue
        samples = count(path)
        if samples is None:
            continue
        found.append({"file": str(path.relative_to(base)), "samples": samples})
    return found


def series(path: Path) -> dict[str, Any]:
    """Every job's samples in time order: what plotly needs for one trace per job."""
    try:
        rows, names = read(path)
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} is not a resource database: {exc}") from None
    jobs: dict[int, dict[str, Any]] = {}
    for job_id, timestamp, cpu, memory, _processes in rows:
        job = jobs.setdefault(
            job_id, {"job_id": job_id, "name": names.get(job_id), "t": [], "cpu": [], "mem_mb": []}
        )
        job["t"].append(timestamp * 1000)
        job["cpu"].append(cpu)
        job["mem_mb"].append(round(memory / 1024**2, 2))
    return {"jobs": list(jobs.values())}

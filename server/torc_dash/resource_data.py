"""Time-series resource databases (`job_resource_samples`, written by the job runner's monitor
with `granularity: time_series`) for the Resource Plots tab."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

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
        try:
            conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "job_resource_samples" not in tables:
                    continue
                (samples,) = conn.execute("SELECT count(*) FROM job_resource_samples").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
        found.append({"file": str(path.relative_to(base)), "samples": samples})
    return found


def series(path: Path) -> dict[str, Any]:
    """Every job's samples in time order: what plotly needs for one trace per job."""
    conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT job_id, timestamp, cpu_percent, memory_bytes FROM job_resource_samples "
            "ORDER BY job_id, timestamp, id"
        ).fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        names = (
            dict(conn.execute("SELECT job_id, job_name FROM job_metadata").fetchall())
            if "job_metadata" in tables
            else {}
        )
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{path} is not a resource database: {exc}") from None
    finally:
        conn.close()
    jobs: dict[int, dict[str, Any]] = {}
    for job_id, timestamp, cpu, memory in rows:
        job = jobs.setdefault(
            job_id, {"job_id": job_id, "name": names.get(job_id), "t": [], "cpu": [], "mem_mb": []}
        )
        job["t"].append(timestamp * 1000)
        job["cpu"].append(cpu)
        job["mem_mb"].append(round(memory / 1024**2, 2))
    return {"jobs": list(jobs.values())}

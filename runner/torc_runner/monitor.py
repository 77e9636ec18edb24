"""Resource monitoring of each job's whole process tree, with psutil.

Summary mode keeps each job's peak and average CPU and memory, reported with its result.
Time-series mode also writes every sample to a SQLite database per run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

_SCHEMA = """
CREATE TABLE IF NOT EXISTS job_resource_samples (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL,
    timestamp REAL NOT NULL,
    cpu_percent REAL NOT NULL,
    memory_bytes INTEGER NOT NULL,
    num_processes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_job_resource_samples_job ON job_resource_samples(job_id);
CREATE TABLE IF NOT EXISTS job_metadata (job_id INTEGER PRIMARY KEY, job_name TEXT NOT NULL);
"""


@dataclass(frozen=True)
class MonitorConfig:
    enabled: bool = True
    granularity: str = "summary"  # or "time_series"
    sample_interval_seconds: float = 5.0
    generate_plots: bool = False

    @classmethod
    def from_workflow(cls, encoded: str | None, *, disabled: bool = False) -> MonitorConfig:
        """The workflow's `resource_monitor_config` (encoded JSON), with our defaults."""
        values: dict[str, Any] = {}
        if encoded:
            with contextlib.suppress(ValueError):
                values = json.loads(encoded) or {}
        config = cls(
            enabled=bool(values.get("enabled", True)),
            granularity=str(values.get("granularity", "summary")),
            sample_interval_seconds=float(values.get("sample_interval_seconds", 5) or 5),
            generate_plots=bool(values.get("generate_plots", False)),
        )
        if disabled:
            config = cls(False, config.granularity, config.sample_interval_seconds)
        return config


@dataclass
class Usage:
    """Running peak and mean of one job's samples."""

    samples: int = 0
    peak_cpu: float = 0.0
    sum_cpu: float = 0.0
    peak_memory: int = 0
    sum_memory: int = 0

    def add(self, cpu: float, memory: int) -> None:
        self.samples += 1
        self.peak_cpu = max(self.peak_cpu, cpu)
        self.sum_cpu += cpu
        self.peak_memory = max(self.peak_memory, memory)
        self.sum_memory += memory

    def result_fields(self) -> dict[str, Any]:
        if not self.samples:
            return {}
        return {
            "peak_cpu_percent": round(self.peak_cpu, 3),
            "avg_cpu_percent": round(self.sum_cpu / self.samples, 3),
            "peak_memory_bytes": self.peak_memory,
            "avg_memory_bytes": self.sum_memory // self.samples,
        }


@dataclass
class _Watched:
    name: str
    pid: int
    usage: Usage = field(default_factory=Usage)
    known: dict[int, psutil.Process] = field(default_factory=dict)


class Monitor:
    """Samples every running job's process tree each `sample_interval_seconds`.

    Adding a job costs nothing but a dict entry: its processes are looked at from the next
    sample on (a job that ends before that has no samples, as in Torc), and a process seen for
    the first time counts with its average CPU use since it started.
    """

    def __init__(self, config: MonitorConfig, database: Path | None = None) -> None:
        self.config = config
        self._jobs: dict[int, _Watched] = {}
        self._db: sqlite3.Connection | None = None
        if config.enabled and config.granularity == "time_series" and database is not None:
            database.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(database)
            self._db.executescript(_SCHEMA)

    def add(self, job_id: int, name: str, pid: int) -> None:
        if not self.config.enabled:
            return
        self._jobs[job_id] = _Watched(name, pid)
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO job_metadata (job_id, job_name) VALUES (?, ?)",
                (job_id, name),
            )

    def remove(self, job_id: int) -> dict[str, Any]:
        """Stop watching; the job's summary fields for its result."""
        watched = self._jobs.pop(job_id, None)
        return watched.usage.result_fields() if watched else {}

    def sample(self) -> None:
        now = time.time()
        rows = []
        for job_id, watched in self._jobs.items():
            # The root is the job's bash, which the runner has not reaped yet: its pid cannot
            # have been reused.
            root = watched.known.get(watched.pid)
            try:
                if root is None:
                    root = psutil.Process(watched.pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
            cpu = 0.0
            memory = 0
            alive = 0
            seen: dict[int, psutil.Process] = {}
            for proc in tree:
                known = watched.known.get(proc.pid)
                try:
                    if known is None:
                        cpu += _lifetime_cpu_percent(proc, now)
                        known = proc
                    else:
                        cpu += known.cpu_percent(None)
                    memory += known.memory_info().rss
                except psutil.Error:
                    continue
                seen[proc.pid] = known
                alive += 1
            watched.known = seen
            if not alive:
                continue
            watched.usage.add(cpu, memory)
            rows.append((job_id, now, cpu, memory, alive))
        if self._db is not None and rows:
            self._db.executemany(
                "INSERT INTO job_resource_samples (job_id, timestamp, cpu_percent, memory_bytes, "
                "num_processes) VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            self._db.commit()

    async def run(self) -> None:
        """Sample until cancelled."""
        if not self.config.enabled:
            return
        while True:
            await asyncio.sleep(self.config.sample_interval_seconds)
            self.sample()

    def close(self) -> None:
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None


def _lifetime_cpu_percent(proc: psutil.Process, now: float) -> float:
    """CPU use of a process seen for the first time: its average since it started (percent
    of one core); also starts psutil's clock for the next `cpu_percent` reading."""
    times = proc.cpu_times()
    age = max(now - proc.create_time(), 1e-3)
    proc.cpu_percent(None)
    return (times.user + times.system) / age * 100

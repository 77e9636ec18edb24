"""Resource monitoring of each job's process tree: on by default with summary metrics in the
results; a time-series SQLite database per run with the reference's tables and file name; off
with `--no-resource-monitoring`."""

from __future__ import annotations

import json
import socket
import sqlite3

from tests.runner.conftest import Api, Torc

# Busy for about a second in a child process of the job's bash (so that the tree is watched, not
# only the job's own process), holding 30 MiB.
BUSY = """python3 - <<'EOF'
import time
block = b"x" * (30 * 2**20)
end = time.time() + 1.2
while time.time() < end:
    pass
EOF
"""

METRICS = ("peak_cpu_percent", "avg_cpu_percent", "peak_memory_bytes", "avg_memory_bytes")


def monitored_workflow(api: Api, granularity: str) -> int:
    """The workflow, sampled every 0.2 s (the spec file format takes whole seconds only, so the
    setting goes into the workflow's `resource_monitor_config` directly)."""
    config = {"enabled": True, "granularity": granularity, "sample_interval_seconds": 0.2}
    return api.create(
        {
            "resource_monitor_config": json.dumps(config),
            "jobs": [{"name": "busy", "command": BUSY}, {"name": "quick", "command": "true"}],
        }
    )


def test_summary_metrics(torc: Torc, api: Api) -> None:
    workflow_id = monitored_workflow(api, "summary")
    torc.ok("run", str(workflow_id), "-o", "out", "-p", "0.5")
    jobs = api.jobs(workflow_id)
    results = {r["job_id"]: r for r in api.results(workflow_id)}
    busy = results[jobs["busy"]["id"]]
    for field in METRICS:
        assert busy.get(field) is not None, busy
    assert busy["peak_cpu_percent"] > 20  # a busy loop, in the job's child process
    assert busy["peak_memory_bytes"] > 30 * 2**20  # the child's 30 MiB are counted
    assert busy["avg_memory_bytes"] <= busy["peak_memory_bytes"]
    assert busy["avg_cpu_percent"] <= busy["peak_cpu_percent"]
    # summary mode writes no time series
    assert not (torc.cwd / "out" / "resource_utilization").exists()


def test_time_series_database(torc: Torc, api: Api) -> None:
    workflow_id = monitored_workflow(api, "time_series")
    torc.ok("run", str(workflow_id), "-o", "out", "-p", "0.5")
    run_id = api.get(f"/workflows/{workflow_id}/status")["run_id"]
    jobs = api.jobs(workflow_id)
    # <output_dir>/resource_utilization/resource_metrics_<hostname>_<workflow_id>_<run_id>.db
    path = (
        torc.cwd
        / "out"
        / "resource_utilization"
        / f"resource_metrics_{socket.gethostname()}_{workflow_id}_{run_id}.db"
    )
    assert path.exists(), sorted(p.name for p in (torc.cwd / "out").rglob("*"))
    db = sqlite3.connect(path)
    try:
        columns = {
            table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            for table in ("job_resource_samples", "job_metadata")
        }
        assert columns == {
            "job_resource_samples": [
                "id",
                "job_id",
                "timestamp",
                "cpu_percent",
                "memory_bytes",
                "num_processes",
            ],
            "job_metadata": ["job_id", "job_name"],
        }
        busy_id = jobs["busy"]["id"]
        assert (busy_id, "busy") in set(db.execute("SELECT job_id, job_name FROM job_metadata"))
        samples = db.execute(
            "SELECT timestamp, cpu_percent, memory_bytes, num_processes FROM job_resource_samples "
            "WHERE job_id = ? ORDER BY timestamp",
            (busy_id,),
        ).fetchall()
    finally:
        db.close()
    assert len(samples) >= 3  # 1.2 s sampled every 0.2 s
    assert max(s[3] for s in samples) >= 2  # bash and its python3 child
    assert max(s[2] for s in samples) > 30 * 2**20
    assert max(s[1] for s in samples) > 20
    # time-series mode keeps the summary in the results too
    [busy] = [r for r in api.results(workflow_id) if r["job_id"] == busy_id]
    assert busy["peak_memory_bytes"] > 30 * 2**20


def test_no_resource_monitoring(torc: Torc, api: Api) -> None:
    workflow_id = monitored_workflow(api, "time_series")
    torc.ok("run", str(workflow_id), "-o", "out", "-p", "0.5", "--no-resource-monitoring")
    for result in api.results(workflow_id):
        for field in METRICS:
            assert result.get(field) is None, result
    assert not (torc.cwd / "out" / "resource_utilization").exists()

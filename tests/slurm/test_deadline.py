"""The shared runner's deadline, against the session's real server with real job processes (no
Slurm needed): claims carry the time left, so a job declaring a longer runtime is not claimed;
at the deadline less the grace, running jobs get SIGTERM (those that support it) or SIGKILL,
are reported terminated and go back to ready for the next allocation; the runner returns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import RunningServer
from tests.runner.conftest import Api

DRIVER = """
import asyncio, sys, time
from pathlib import Path
from torc import make_api
from torc.manager import initialize_if_needed
from torc_runner.resources import Resources
from torc_runner.runner import JobRunner, RunnerOptions

url, workflow_id, out, seconds = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])
parallel = int(sys.argv[5]) if len(sys.argv) > 5 else None
api = make_api(url)
initialize_if_needed(api, workflow_id)
options = RunnerOptions(
    output_dir=out,
    resources=Resources(num_cpus=8, memory_gb=4.0, num_gpus=0),
    poll_interval=0.5,
    max_parallel_jobs=parallel,
    no_resource_monitoring=True,
    end_time=time.time() + seconds,
    termination_grace_seconds=2.0,
    requeue_terminated=True,
)
runner = JobRunner(api, workflow_id, options)
stats = asyncio.run(runner.run())
print(f"stopped={runner.stopped} completed={stats.completed} terminated={stats.terminated}")
"""

SHORT = "short"  # declares a runtime that fits in the time left, whatever the job really takes
JOBS = [
    {"name": "quick", "command": "true", "resource_requirements": SHORT},
    {"name": "sleeper", "command": "sleep 30", "resource_requirements": SHORT},
    {
        "name": "checkpointing",
        "supports_termination": True,
        "resource_requirements": SHORT,
        "command": "trap 'echo saved > checkpoint.txt; exit 0' TERM; sleep 30 & wait",
    },
    {"name": "after_sleeper", "command": "true", "depends_on": ["sleeper"]},
    {"name": "too_long", "command": "touch too_long_ran", "resource_requirements": "hour"},
]
REQUIREMENTS = [
    {"name": SHORT, "num_cpus": 1, "memory": "10m", "runtime": "PT1S"},
    {"name": "hour", "num_cpus": 1, "memory": "10m", "runtime": "PT1H"},
]


def test_jobs_running_at_the_deadline_are_terminated_and_requeued(
    server: RunningServer, tmp_path: Path
) -> None:
    api = Api(server.url)
    try:
        workflow_id = api.create({"jobs": JOBS, "resource_requirements": REQUIREMENTS})
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                DRIVER,
                server.url,
                str(workflow_id),
                str(tmp_path / "out"),
                "6",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert "stopped=True completed=1 terminated=2" in done.stdout, done.stdout
        statuses = api.statuses(workflow_id)
        assert statuses == {
            "quick": "completed",
            "sleeper": "ready",  # terminated, then requeued for the next allocation
            "checkpointing": "ready",
            "after_sleeper": "blocked",
            "too_long": "ready",  # its declared hour never fit in the time left
        }
        # the job that handles SIGTERM got it and saved its state; the other was killed
        assert (tmp_path / "checkpoint.txt").read_text() == "saved\n"
        assert not (tmp_path / "too_long_ran").exists()
        jobs = api.jobs(workflow_id)
        results = {r["job_id"]: r for r in api.results(workflow_id)}
        assert results[jobs["sleeper"]["id"]]["status"] == "terminated"
        assert results[jobs["sleeper"]["id"]]["return_code"] == -9
        assert results[jobs["checkpointing"]["id"]]["status"] == "terminated"
        assert jobs["too_long"]["id"] not in results
        [node] = api.compute_nodes(workflow_id)
        assert node["is_active"] is False
    finally:
        api.close()


def test_by_count_no_job_starts_with_less_than_the_minimum_time_left(
    server: RunningServer, tmp_path: Path
) -> None:
    """With --max-parallel-jobs the runner knows no runtimes: it claims nothing when less than the
    workflow's compute_node_min_time_for_new_jobs_seconds is left, and leaves at once."""
    api = Api(server.url)
    try:
        workflow_id = api.create(
            {
                "compute_node_min_time_for_new_jobs_seconds": 120,
                "jobs": [{"name": "job", "command": "touch ran"}],
            }
        )
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                DRIVER,
                server.url,
                str(workflow_id),
                str(tmp_path / "out"),
                "60",
                "2",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "stopped=False completed=0 terminated=0" in done.stdout, done.stdout
        assert api.statuses(workflow_id) == {"job": "ready"}
        assert not (tmp_path / "ran").exists()
    finally:
        api.close()

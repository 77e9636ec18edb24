"""`JobRunner` in this process against the session's server: the grace period between SIGTERM
and SIGKILL, and a child's exit noticed as it happens (not at the next poll)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from tests.conftest import RunningServer
from torc import make_api
from torc.manager import initialize
from torc_runner.resources import Resources
from torc_runner.runner import JobRunner, RunnerOptions


def _workflow(api: Any, jobs: list[dict[str, Any]]) -> int:
    created = api.create_workflow_from_spec({"name": "runner-test", "user": "test", "jobs": jobs})
    workflow_id = created.workflow.id
    initialize(api, workflow_id)
    return workflow_id


def _options(tmp_path: Path, **extra: Any) -> RunnerOptions:
    return RunnerOptions(
        output_dir=tmp_path / "out",
        resources=Resources(num_cpus=4, memory_gb=4.0, num_gpus=0),
        no_resource_monitoring=True,
        **extra,
    )


async def _wait_for_file(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        await asyncio.sleep(0.02)


def test_sigkill_after_the_grace_period(server: RunningServer, tmp_path: Path) -> None:
    """A job that handles SIGTERM but does not exit is killed when the grace period ends."""
    started, handled = tmp_path / "started", tmp_path / "handled"
    api = make_api(server.url)
    workflow_id = _workflow(
        api,
        [
            {
                "name": "stubborn",
                "supports_termination": True,
                "command": (
                    f"trap 'echo TERM >> {handled}' TERM; touch {started}; "
                    "while true; do sleep 0.05; done"
                ),
            }
        ],
    )
    runner = JobRunner(
        api, workflow_id, _options(tmp_path, termination_grace_seconds=1.0, poll_interval=0.5)
    )

    async def scenario() -> float:
        task = asyncio.create_task(runner.run())
        await _wait_for_file(started)
        stop_at = time.monotonic()
        runner.request_stop("test")
        await task
        return time.monotonic() - stop_at

    elapsed = asyncio.run(scenario())
    assert 1.0 <= elapsed < 15, elapsed
    assert handled.read_text().startswith("TERM")  # it got SIGTERM first
    [job] = list(api.iter_jobs(workflow_id))
    assert str(job.status.value) == "terminated"
    [result] = list(api.iter_results(workflow_id))
    assert result.return_code == -9  # then SIGKILL
    assert runner.stats.terminated == 1
    api.close()


def test_exit_is_noticed_when_it_happens(server: RunningServer, tmp_path: Path) -> None:
    """With a 30 s poll interval, a chain of three short jobs still takes well under one
    interval: each exit is reported at once and the dependent starts in the same request."""
    api = make_api(server.url)
    workflow_id = _workflow(
        api,
        [
            {"name": "a", "command": "sleep 0.2"},
            {"name": "b", "command": "sleep 0.2", "depends_on": ["a"]},
            {"name": "c", "command": "sleep 0.2", "depends_on": ["b"]},
        ],
    )
    runner = JobRunner(api, workflow_id, _options(tmp_path, poll_interval=30.0))
    started = time.monotonic()
    stats = asyncio.run(runner.run())
    elapsed = time.monotonic() - started
    assert stats.completed == 3
    assert elapsed < 5, elapsed
    assert {str(j.status.value) for j in api.iter_jobs(workflow_id)} == {"completed"}
    api.close()

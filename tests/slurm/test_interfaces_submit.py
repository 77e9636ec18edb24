"""The dashboard's and the terminal interface's Slurm submit, on the real test cluster: each
starts `torc` the way its button or key does, and the allocations it submits run the workflow to
completion."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer
from tests.dash.conftest import BIN, dash_env, start_dash, stop_dash
from tests.slurm import cluster
from tests.slurm.test_submit_e2e import wait_allocations_done, wait_complete
from tests.tui.conftest import aio, until
from tests.tui.test_tui_keys import job_status, load_first
from torc import make_api
from torc.workflows import create_workflow_from_dict

pytest.importorskip("torc_runner.slurm.job_runner", reason="torc-slurm-job-runner not here yet")


def spec() -> dict[str, Any]:
    """Two jobs for one allocation, which the workflow's start schedules."""
    return {
        "name": f"wf_{uuid.uuid4().hex[:8]}",
        "jobs": [{"name": f"job_{i}", "command": f"echo hello {i}"} for i in (1, 2)],
        "slurm_schedulers": [
            {
                "name": "short",
                "account": "torctest",
                "partition": cluster.PARTITION,
                "walltime": "00:05:00",
            }
        ],
        "actions": [
            {
                "trigger_type": "on_workflow_start",
                "action_type": "schedule_nodes",
                "scheduler": "short",
                "scheduler_type": "slurm",
                "num_allocations": 1,
            }
        ],
    }


class _Url:
    """What the waiting helpers of test_submit_e2e need of a client: the server's URL."""

    def __init__(self, url: str) -> None:
        self.url = url


@pytest.fixture
def user() -> str:
    return f"iface_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The terminal interface's working directory, `torc` on PATH, Slurm's commands pointed at
    the test cluster, no torc settings from outside."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", f"{BIN}:{os.environ.get('PATH', '')}")
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in [name for name in os.environ if name.startswith("TORC_")]:
        monkeypatch.delenv(name)
    for name, value in cluster.environment().items():
        monkeypatch.setenv(name, value)
    return tmp_path


@pytest.fixture
def workflow_id(slurm_cluster: Any, server: RunningServer, user: str) -> Iterator[int]:
    api = make_api(server.url)
    yield int(create_workflow_from_dict(api, spec(), user=user).workflow.id)
    api.close()


def _completed(server: RunningServer, workflow_id: int) -> list[str]:
    client = _Url(server.url)
    wait_complete(client, workflow_id)  # type: ignore[arg-type]
    nodes = wait_allocations_done(client, workflow_id)  # type: ignore[arg-type]
    assert len(nodes) == 1  # the one allocation the start scheduled ran the jobs
    api = make_api(server.url)
    try:
        return sorted(job.status for job in api.iter_jobs(workflow_id))
    finally:
        api.close()


def test_the_dashboards_submit_runs_the_workflow_on_slurm(
    server: RunningServer, workflow_id: int, tmp_path: Path
) -> None:
    env = dash_env(tmp_path, **cluster.environment())
    dash = start_dash(tmp_path, "--api-url", server.url, "--torc-bin", str(BIN / "torc"), env=env)
    try:
        started = httpx.post(
            f"{dash.url}/api/cli/submit", json={"workflow_id": workflow_id}, timeout=30
        )
        assert started.status_code == 201, started.text
        assert started.json()["command"][-2:] == ["submit", str(workflow_id)]
        assert _completed(server, workflow_id) == ["completed", "completed"]
    finally:
        stop_dash(dash)
    log = tmp_path / "output" / started.json()["log"]
    assert log.exists()


@aio
async def test_the_terminal_interfaces_submit_runs_the_workflow_on_slurm(
    server: RunningServer, workflow_id: int, user: str, workdir: Path
) -> None:
    from torc_cli.tui.app import TorcTui
    from torc_cli.tui.backend import Connection

    app = TorcTui(Connection(server.url), user=user, output_dir=workdir / "output")
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("s")
        await pilot.press("y")  # yes, submit to Slurm
        await until(pilot, lambda: set(job_status(app).values()) == {"completed"}, timeout=150)
        log = "\n".join(str(line.text) for line in app.query_one("#run-output").lines)
        assert f"submit {workflow_id}" in log
    assert _completed(server, workflow_id) == ["completed", "completed"]

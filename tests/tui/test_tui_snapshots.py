"""Snapshots of the main screens at 80x24 (pytest-textual-snapshot; `--snapshot-update`
accepts new ones after a look at the SVGs in __snapshots__).

Each test has a fresh server of its own, so ids are the same on every run; the server bar
shows a fixed URL in place of the server's random port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunningServer, start_server, stop_server
from tests.tui.conftest import PIPELINE, until
from torc_cli.tui.app import TorcTui
from torc_cli.tui.backend import Connection

USER = "snapshot_user"


class SnapshotTui(TorcTui):
    @property
    def shown_url(self) -> str:
        return "http://127.0.0.1:8080/torc-service/v1"


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "snapshot.db")
    yield running
    stop_server(running)


@pytest.fixture
def app(fresh_server: RunningServer, workdir: Path) -> SnapshotTui:
    from torc import make_api
    from torc.workflows import create_workflow_from_dict

    with make_api(fresh_server.url) as api:
        spec = {
            "name": "pipeline",
            "description": "Data processing pipeline",
            **PIPELINE,
            "jobs": [
                *PIPELINE["jobs"],
                *(
                    {"name": f"work_{i:03d}", "command": "true", "depends_on": ["prepare"]}
                    for i in range(1, 41)
                ),
            ],
        }
        create_workflow_from_dict(api, spec, user=USER)
    return SnapshotTui(Connection(fresh_server.url), user=USER, output_dir=workdir / "output")


def test_main_screen_with_jobs(snap_compare: Any, app: SnapshotTui) -> None:
    async def before(pilot: Any) -> None:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: app.details.table("jobs").row_count == 43)
        await pilot.press("i")
        await until(
            pilot, lambda: "Initialized workflow 1" in str(app.query_one("#message").render())
        )
        await until(pilot, lambda: app.details.rows["jobs"][0]["status"] == "ready")
        await until(pilot, lambda: app.stream_state == "live")
        await pilot.pause(0.5)

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


def test_dag_tab(snap_compare: Any, app: SnapshotTui) -> None:
    async def before(pilot: Any) -> None:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: app.details.table("jobs").row_count == 43)
        await until(pilot, lambda: app.stream_state == "live")
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.pause(0.3)

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


def test_help_popup(snap_compare: Any, app: SnapshotTui) -> None:
    async def before(pilot: Any) -> None:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        await pilot.press("question_mark")
        await pilot.pause(0.3)

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))


def test_log_viewer(snap_compare: Any, app: SnapshotTui, workdir: Path) -> None:
    log_dir = workdir / "output" / "job_stdio"
    log_dir.mkdir(parents=True)
    (log_dir / "job_1_1_1.o").write_text("".join(f"step {i}: ok\n" for i in range(1, 31)))
    (log_dir / "job_1_1_1.e").write_text("warning: disk almost full\n")

    async def before(pilot: Any) -> None:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: app.details.table("jobs").row_count == 43)
        await pilot.press("i")
        await until(pilot, lambda: app.details.rows["jobs"][0]["status"] == "ready")
        await pilot.press("right", "l")
        await until(pilot, lambda: type(app.screen).__name__ == "Viewer")
        await pilot.press("slash", *"step 2", "enter")
        await pilot.pause(0.3)

    assert snap_compare(app, run_before=before, terminal_size=(80, 24))

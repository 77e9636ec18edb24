"""Every key of the guide's tables, pressed through Textual's Pilot against a real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static, TabbedContent

from tests.tui.conftest import aio, until
from torc_cli.tui.app import TorcTui
from torc_cli.tui.dialogs import Confirm, Help, Prompt
from torc_cli.tui.viewer import Viewer


def cells(table: DataTable[Any], column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


def job_status(app: TorcTui) -> dict[str, str]:
    table = app.details.table("jobs")
    return {
        str(table.get_row_at(i)[1]): str(table.get_row_at(i)[2]) for i in range(table.row_count)
    }


def text_of(app: TorcTui, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def load_first(app: TorcTui, pilot: Any) -> None:
    await until(pilot, lambda: app.workflow_table.row_count > 0)
    await pilot.press("enter")
    await until(pilot, lambda: app.details.table("jobs").row_count > 0)


@aio
async def test_layout_lists_the_users_workflows_and_loads_details(tui, make_workflow, user) -> None:
    wid = make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        assert "Torc Management Console" in text_of(app, "#title")
        assert app.backend.connection.url in text_of(app, "#server")
        assert f"Current: {user}" in text_of(app, "#user")
        assert str(app.query_one("#workflows").border_title) == "Workflows [FOCUSED]"
        assert cells(app.workflow_table, 2) == [user]
        await pilot.press("enter")
        await until(pilot, lambda: app.details.table("jobs").row_count == 3)
        assert cells(app.workflow_table, 0) == [f">> {wid}"]
        assert job_status(app) == {
            "prepare": "uninitialized",
            "analyze": "uninitialized",
            "report": "uninitialized",
        }
        status = app.details.table("jobs").get_row_at(0)[2]
        assert status.style == "bright_black"  # gray: not yet runnable
        assert app.details.table("files").row_count == 1


@aio
async def test_tab_walks_the_detail_tabs_and_arrows_switch_panes(tui, make_workflow) -> None:
    make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        seen = []
        for _ in range(6):
            await pilot.press("tab")
            seen.append(app.details.active)
        assert seen == ["files", "events", "results", "dag", "nodes", "jobs"]
        await until(pilot, lambda: app.focused is app.details.table("jobs"))
        assert "[FOCUSED]" in str(app.details.border_title)
        await pilot.press("left")
        assert app.focused is app.workflow_table
        assert "[FOCUSED]" not in str(app.details.border_title)
        await pilot.press("right")
        assert app.focused is app.details.table("jobs")
        await pilot.press("tab", "tab", "tab", "tab")
        assert app.details.active == "dag"
        await until(pilot, lambda: app.query_one(TabbedContent).active == "dag")
        dag = text_of(app, "#dag-text")
        assert "Stage 0" in dag and "Stage 2" in dag and "report" in dag


@aio
async def test_initialize_then_run_shows_output_and_live_statuses(
    tui, make_workflow, workdir
) -> None:
    wid = make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("i")  # a first initialization asks nothing
        await until(pilot, lambda: job_status(app)["prepare"] == "ready")
        assert job_status(app)["analyze"] == "blocked"
        assert app.details.table("jobs").get_row_at(0)[2].style == "cyan"
        await pilot.press("x")
        await until(pilot, lambda: job_status(app)["report"] == "failed", timeout=60)
        assert job_status(app)["prepare"] == "completed"
        assert app.details.table("jobs").get_row_at(0)[2].style == "green"
        assert app.details.table("jobs").get_row_at(2)[2].style == "red"
        await until(pilot, lambda: wid not in app.runs, timeout=60)
        log = "\n".join(str(line.text) for line in app.query_one("#run-output").lines)
        assert f"torc run {wid}" in log
        assert app.stream_state == "live"  # the statuses came over the event stream
        types = cells(app.details.table("events"), 2)
        assert "job_completed" in types and "job_failed" in types
        await until(pilot, lambda: app.details.table("results").row_count == 3)


@aio
async def test_job_keys_logs_details_retry_and_filter(tui, make_workflow, workdir) -> None:
    make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("i")
        await until(pilot, lambda: job_status(app)["prepare"] == "ready")
        await pilot.press("x")
        await until(pilot, lambda: job_status(app)["report"] == "failed", timeout=60)
        await until(pilot, lambda: not app.runs, timeout=60)
        await pilot.press("right", "down")  # the analyze job
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, Viewer))
        viewer = app.screen
        assert str(viewer.query_one("#content", Static).render()) == "analyzing"
        await pilot.press("tab")
        assert str(viewer.query_one("#content", Static).render()) == "oops"
        await pilot.press("q")
        assert not isinstance(app.screen, Viewer)
        await pilot.press("enter")  # the job's details
        await until(pilot, lambda: isinstance(app.screen, Viewer))
        assert "command: echo analyzing" in str(app.screen.query_one("#content", Static).render())
        await pilot.press("q")
        await pilot.press("down", "y")  # retry the failed report job, confirmed
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: job_status(app)["report"] == "ready")
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press("ctrl+u", *"status: completed", "enter")
        await until(pilot, lambda: app.details.table("jobs").row_count == 2)
        assert set(job_status(app)) == {"prepare", "analyze"}


@aio
async def test_cancel_and_terminate_a_job_ask_first(tui, make_workflow) -> None:
    make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("i")
        await until(pilot, lambda: job_status(app)["prepare"] == "ready")
        await pilot.press("right", "c")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")  # no: nothing changes
        await pilot.pause(0.2)
        assert job_status(app)["prepare"] == "ready"
        await pilot.press("down", "down", "c")  # the last job: nothing depends on it
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: job_status(app)["report"] == "canceled")
        assert app.details.table("jobs").get_row_at(2)[2].style == "magenta"
        await pilot.press("up", "up", "t")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: job_status(app)["prepare"] == "terminated")
        assert job_status(app)["analyze"] == "blocked"  # a terminated job may run again
        await pilot.press("t")  # a finished job cannot be terminated: the server says why
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: "already complete" in text_of(app, "#message"))


@aio
async def test_workflow_actions_reset_reinit_cancel_delete(tui, make_workflow, api) -> None:
    wid = make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("i")
        await until(pilot, lambda: job_status(app)["prepare"] == "ready")
        await pilot.press("i")  # already initialized: asks
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("n")
        await pilot.press("R")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: job_status(app)["prepare"] == "uninitialized")
        Path("prepared.txt").write_text("from before\n")  # an existing output file
        await pilot.press("I")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        dialog = app.screen
        assert "Existing output files" in str(dialog.query_one("#dialog").border_title)
        assert "prepared.txt" in str(dialog.query_one("#items", Static).render())
        await pilot.press("y")
        await until(pilot, lambda: job_status(app)["prepare"] == "ready")
        await pilot.press("C")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: api.get_workflow_status(wid).is_canceled)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: app.workflow_table.row_count == 0)
        assert api.list_workflows(user=app.user).items == []


@aio
async def test_new_workflow_from_a_spec_file(tui, workdir) -> None:
    spec = workdir / "spec.yaml"
    spec.write_text("name: from_tui\njobs:\n  - name: one\n    command: echo one\n")
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "0 workflows" in text_of(app, "#message"))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press(*str(spec), "enter")
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        assert cells(app.workflow_table, 1) == ["from_tui"]
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press(*"missing.yaml", "enter")
        await until(pilot, lambda: "Could not create" in text_of(app, "#message"))


@aio
async def test_user_filter_all_users_and_help(tui, make_workflow, api) -> None:
    make_workflow()
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press("ctrl+u", *"nobody_here", "enter")
        await until(pilot, lambda: app.workflow_table.row_count == 0)
        assert "Current: nobody_here" in text_of(app, "#user")
        await pilot.press("a")
        await until(pilot, lambda: app.workflow_table.row_count >= 1)
        assert "all users" in text_of(app, "#user")
        await pilot.press("A")
        assert "Auto-refresh: on" in text_of(app, "#user")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, Help))
        assert "re-initialize" in str(app.screen.query_one("#help", Static).render())
        await pilot.press("d")  # keys of the screen underneath do nothing in a popup
        assert isinstance(app.screen, Help)
        await pilot.press("q")
        assert not isinstance(app.screen, Help)
        await pilot.press("q")
    assert app.return_code == 0


@aio
async def test_file_viewer_and_log_search(tui, make_workflow, workdir) -> None:
    make_workflow()
    (workdir / "prepared.txt").write_text("".join(f"line {i}\n" for i in range(200)))
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await pilot.press("tab")
        assert app.details.active == "files"
        await until(pilot, lambda: app.focused is app.details.table("files"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, Viewer))
        viewer = app.screen
        assert viewer.document.lines[199] == "line 199"
        await pilot.press("slash", *"line 150", "enter")
        assert viewer.matches == [150]
        assert viewer.query_one("#body").scroll_y > 100
        await pilot.press("g")
        assert viewer.query_one("#body").scroll_y == 0
        await pilot.press("G")
        await pilot.pause()
        assert viewer.query_one("#body").scroll_y > 150
        await pilot.press("q")
        (workdir / "prepared.txt").write_bytes(b"\x00\x01binary\xff" * 10)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, Viewer))
        text = "\n".join(app.screen.document.lines)
        assert text.startswith("Binary file, 90 bytes; hex preview:")
        assert "00000000  00 01 62 69 6e 61 72 79" in text


@aio
async def test_a_large_workflow_shows_one_page_of_jobs_and_says_so(
    tui, make_workflow, monkeypatch
) -> None:
    """A list holds at most backend.ROWS records (a million-job workflow must not be read whole,
    and again on every event); the status line says how many there are."""
    from torc_cli.tui import backend

    monkeypatch.setattr(backend, "ROWS", 3)
    spec = {"jobs": [{"name": "j{i}", "command": "true", "parameters": {"i": "1:5"}}]}
    make_workflow(spec)
    app = tui()
    async with app.run_test(size=(100, 30)) as pilot:
        await load_first(app, pilot)
        await until(pilot, lambda: "first 3 of 5 jobs" in text_of(app, "#message"))
        assert sorted(job_status(app)) == ["j1", "j2", "j3"]

"""The application: the main screen's panes and every key of the guide's tables."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, RichLog, Static

from torc_cli.tui.backend import Backend, Connection
from torc_cli.tui.details import TAB_TITLES, Details, job_summary
from torc_cli.tui.dialogs import Confirm, Help, Prompt
from torc_cli.tui.server import ManagedServer, ServerError
from torc_cli.tui.viewer import Document, Viewer, read_text_file

T = TypeVar("T")

AUTO_REFRESH_SECONDS = 30.0
POLL_SECONDS = 5.0
"""How often the loaded workflow is polled while its event stream is down."""
SYNC_DELAY = 0.3
"""Events arriving within this long are answered with one read of the jobs."""

ACTION_HINTS = (
    "?: help | n: new | i: init | I: reinit | R: reset | x: run | s: submit | C: cancel | "
    "d: delete | q: quit"
)


class TorcTui(App[None]):
    """`torc tui`."""

    TITLE = "Torc Management Console"
    CSS = """
    #title { height: 1; background: $primary; color: $text; }
    #server, #user { height: 1; background: $panel; }
    #workflows { height: 1fr; min-height: 5; max-height: 12; border: round $secondary; }
    #workflows:focus-within { border: round $accent; }
    #details { height: 2fr; min-height: 7; border: round $secondary; }
    #details:focus-within { border: round $accent; }
    #run-output { height: 1fr; min-height: 4; max-height: 10; border: round $warning; }
    #run-output { display: none; }
    #run-output.active { display: block; }
    #message { height: 1; background: $panel; }
    TabbedContent ContentSwitcher { height: 1fr; }
    TabPane { padding: 0; }
    Tabs { height: 1; }
    Underline { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("tab", "next_tab", "Next tab", priority=True),
        Binding("left", "focus_pane('workflows')", "Workflows", priority=True),
        Binding("right", "focus_pane('details')", "Details", priority=True),
        Binding("r", "refresh", "Refresh"),
        Binding("A", "auto_refresh", "Auto-refresh"),
        # workflow actions
        Binding("n", "new", "New"),
        Binding("i", "initialize", "Init"),
        Binding("I", "reinitialize", "Reinit"),
        Binding("R", "reset", "Reset"),
        Binding("x", "run", "Run"),
        Binding("s", "submit", "Submit"),
        Binding("C", "cancel_workflow", "Cancel"),
        Binding("d", "delete", "Delete"),
        # jobs
        Binding("l", "logs", "Logs"),
        Binding("c", "job_status('canceled')", "Cancel job"),
        Binding("t", "job_status('terminated')", "Terminate job"),
        Binding("y", "retry", "Retry job"),
        Binding("f", "filter", "Filter jobs"),
        # server and connection
        Binding("S", "start_server", "Start server"),
        Binding("K", "stop_server", "Stop server"),
        Binding("O", "server_output", "Server output"),
        Binding("u", "change_url", "Server URL"),
        Binding("w", "change_user", "User filter"),
        Binding("a", "all_users", "All users"),
    ]

    def __init__(
        self,
        connection: Connection,
        *,
        user: str | None = None,
        output_dir: Path = Path("output"),
        server: ManagedServer | None = None,
    ) -> None:
        super().__init__()
        self.backend = Backend(connection)
        self.user = user or connection.username or getpass.getuser()
        self.all_users = False
        self.output_dir = output_dir
        self.server = server
        self.workflows: list[dict[str, Any]] = []
        self.loaded: int | None = None
        self.connected = False
        self.stream_state = ""
        self.auto_refreshing = False
        self._auto_timer: Any = None
        self._sync_pending = False
        self.runs: dict[int, asyncio.subprocess.Process] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main screen's keys do nothing while a popup or viewer is open (its own keys
        are checked first; the rest must not act on the screen underneath)."""
        return not (len(self.screen_stack) > 1 and action in _MAIN_ACTIONS)

    # layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="server")
        yield Static(id="user")
        with Vertical(id="workflows"):
            yield DataTable(id="workflows-table", cursor_type="row", zebra_stripes=True)
        yield Details()
        yield RichLog(id="run-output", max_lines=2000, wrap=False)
        yield Static(id="message")

    def on_mount(self) -> None:
        title = Text(f" {self.TITLE} ", style="bold")
        title.append("│ " + ACTION_HINTS)
        self.query_one("#title", Static).update(title)
        table = self.workflow_table
        for key, label in (
            ("id", "ID"),
            ("name", "Name"),
            ("user", "User"),
            ("desc", "Description"),
        ):
            table.add_column(label, key=key)
        self.query_one("#workflows").border_title = Text("Workflows [FOCUSED]")
        self.details.border_title = "Details"
        table.focus()
        self.show_bars()
        self.refresh_workflows(announce=True)

    @property
    def workflow_table(self) -> DataTable[Any]:
        return self.query_one("#workflows-table", DataTable)

    @property
    def details(self) -> Details:
        return self.query_one(Details)

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#message", Static).update(
            Text(f" {message}", style="bold red" if error else "")
        )

    @property
    def shown_url(self) -> str:
        """The server's URL as the server bar shows it."""
        return self.backend.connection.url

    def show_bars(self) -> None:
        server = Text(" Server: ", style="bold")
        server.append(self.shown_url)
        if self.server is not None and self.server.running:
            server.append(" ●", style="green")
        elif self.server is not None and self.server.stopped:
            server.append(" ●", style="yellow")
        if not self.connected:
            server.append("  (not connected)", style="red")
        elif self.stream_state:
            server.append(f"  [{self.stream_state}]", style="dim")
        server.append("   S: start | K: stop | O: output | u: URL", style="dim")
        self.query_one("#server", Static).update(server)
        user = Text(" User Filter: ", style="bold")
        user.append("all users" if self.all_users else f"Current: {self.user}")
        user.append("  (w: change, a: all users)", style="dim")
        user.append(f"   Auto-refresh: {'on' if self.auto_refreshing else 'off'} (A)", style="dim")
        self.query_one("#user", Static).update(user)

    # helpers -----------------------------------------------------------------------------------

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """An SDK call in a thread, so the screen stays responsive."""
        return await asyncio.to_thread(function, *args, **kwargs)

    def failed(self, what: str, exc: BaseException) -> None:
        from torc import ApiError

        detail = str(exc) if isinstance(exc, ApiError) else f"{type(exc).__name__}: {exc}"
        self.say(f"{what}: {detail}", error=True)

    def selected_workflow(self) -> dict[str, Any] | None:
        table = self.workflow_table
        if not table.row_count:
            self.say("No workflow selected.", error=True)
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((w for w in self.workflows if str(w.get("id")) == key), None)

    def in_jobs(self) -> bool:
        return self.details.active == "jobs" and self.focused is self.details.table("jobs")

    def selected_job(self) -> dict[str, Any] | None:
        job = self.details.selected("jobs")
        if job is None:
            self.say("No job selected: load a workflow (Enter) and pick a job.", error=True)
        return job

    async def confirm(
        self, question: str, items: list[str] | None = None, title: str = "Confirm"
    ) -> bool:
        return bool(await self.push_screen_wait(Confirm(question, items, title)))

    async def prompt(self, question: str, value: str = "", title: str = "Input") -> str | None:
        return await self.push_screen_wait(Prompt(question, value, title))

    # workflows ---------------------------------------------------------------------------------

    @work(exclusive=True, group="workflows")
    async def refresh_workflows(self, announce: bool = False) -> None:
        """Fill the workflow list (and say how many there are, when `announce`)."""
        user = None if self.all_users else self.user
        try:
            workflows = await self.call(self.backend.workflows, user)
        except Exception:
            self.connected = False
            self.show_bars()
            self.say(
                f"Could not connect to server at {self.backend.connection.url}: press S to "
                "start one, u to change the URL",
                error=True,
            )
            return
        self.connected = True
        self.workflows = workflows
        table = self.workflow_table
        keep = table.cursor_row
        table.clear()
        for w in workflows:
            marker = ">> " if w.get("id") == self.loaded else "   "
            table.add_row(
                f"{marker}{w.get('id')}",
                w.get("name") or "",
                w.get("user") or "",
                (w.get("description") or "")[:40],
                key=str(w.get("id")),
            )
        if workflows:
            table.move_cursor(row=min(keep, len(workflows) - 1))
        self.show_bars()
        shown = "all users" if self.all_users else self.user
        if announce:
            self.say(f"{len(workflows)} workflows ({shown}). Enter: load details, ?: help")

    @on(DataTable.RowSelected)
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        table_id = event.data_table.id
        if table_id == "workflows-table":
            self.load(int(str(event.row_key.value)))
        elif table_id == "jobs-table":
            self.show_job()
        elif table_id == "files-table":
            self.view_file()

    def load(self, workflow_id: int) -> None:
        """Show the workflow's details and follow its events."""
        self.loaded = workflow_id
        self.details.border_title = f"Details: workflow {workflow_id}"
        for row in range(self.workflow_table.row_count):
            key = self.workflow_table.coordinate_to_cell_key((row, 0)).row_key.value
            marker = ">> " if key == str(workflow_id) else "   "
            self.workflow_table.update_cell_at((row, 0), f"{marker}{key}")
        self.load_details(workflow_id)
        self.follow(workflow_id)

    @work(exclusive=True, group="details")
    async def load_details(self, workflow_id: int) -> None:
        b = self.backend
        try:
            jobs, files, events, results, nodes = await asyncio.gather(
                self.call(b.jobs, workflow_id),
                self.call(b.files, workflow_id),
                self.call(b.events, workflow_id),
                self.call(b.results, workflow_id),
                self.call(b.scheduled_nodes, workflow_id),
            )
        except Exception as exc:
            self.failed(f"Could not load workflow {workflow_id}", exc)
            return
        if workflow_id != self.loaded:
            return
        d = self.details
        d.show("jobs", jobs)
        d.show("files", files)
        d.show("events", list(reversed(events)))
        d.show("results", results)
        d.show("nodes", nodes)
        total = getattr(jobs, "total", None) or len(jobs)
        count = (
            f"{total:,} jobs"
            if total == len(jobs)
            else f"the first {len(jobs):,} of {total:,} jobs"
        )
        self.say(f"Workflow {workflow_id}: {count}. Tab: next tab, →: details pane")

    @work(exclusive=True, group="stream")
    async def follow(self, workflow_id: int) -> None:
        """Apply the workflow's live events; poll while the stream is down, and reconnect."""
        import httpx

        from torc_cli.tui import live

        while self.loaded == workflow_id:
            try:
                self.stream_state = "live"
                self.show_bars()
                async for event in live.follow(self.backend.connection, workflow_id):
                    self.apply_event(event)
            except (httpx.HTTPError, live.StreamRefused, OSError) as exc:
                self.stream_state = f"polling: {type(exc).__name__}"
            else:
                self.stream_state = "polling"
            self.show_bars()
            self.schedule_sync()
            await asyncio.sleep(POLL_SECONDS)

    def apply_event(self, event: dict[str, Any]) -> None:
        kind = str(event.get("event_type") or "")
        if kind == "warning":
            self.schedule_sync()
            return
        self.details.add_event(event)
        data = event.get("data") if isinstance(event.get("data"), dict) else {}
        status = {
            "job_started": "running",
            "job_completed": "completed",
            "job_failed": "failed",
            "job_canceled": "canceled",
            "job_terminated": "terminated",
        }.get(kind)
        if status and data.get("job_id") is not None:
            self.details.update_job({"id": data["job_id"], "status": status})
        self.schedule_sync()

    def schedule_sync(self) -> None:
        """One read of jobs and results shortly, however many events arrive meanwhile (a job's
        completion makes others ready without an event of their own)."""
        if not self._sync_pending and self.loaded is not None:
            self._sync_pending = True
            self.set_timer(SYNC_DELAY, self.sync)

    @work(group="sync")
    async def sync(self) -> None:
        self._sync_pending = False
        workflow_id = self.loaded
        if workflow_id is None:
            return
        try:
            jobs, results = await asyncio.gather(
                self.call(self.backend.jobs, workflow_id),
                self.call(self.backend.results, workflow_id),
            )
        except Exception as exc:
            self.failed("Refresh failed", exc)
            return
        if workflow_id == self.loaded:
            self.details.update_jobs(jobs)
            shown = self.details.rows["results"]
            if len(results) != len(shown) or results[-1:] != shown[-1:]:  # new ones, or fewer
                self.details.show("results", results)

    # navigation --------------------------------------------------------------------------------

    def action_next_tab(self) -> None:
        self.details.next_tab()
        self.mark_focus()

    def action_focus_pane(self, pane: str) -> None:
        if pane == "workflows":
            self.workflow_table.focus()
        else:
            self.details.focus_tab()
        self.mark_focus()

    def mark_focus(self) -> None:
        in_workflows = self.focused is self.workflow_table
        self.query_one("#workflows").border_title = Text(
            "Workflows" + (" [FOCUSED]" if in_workflows else "")
        )
        title = f"Details: workflow {self.loaded}" if self.loaded else "Details"
        tab = TAB_TITLES.get(self.details.active or "jobs", "")
        self.details.border_title = Text(
            f"{title} - {tab}" + ("" if in_workflows else " [FOCUSED]")
        )

    def on_descendant_focus(self) -> None:
        self.mark_focus()

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self.mark_focus)  # focus comes back from a popup

    def action_refresh(self) -> None:
        self.refresh_workflows(announce=True)
        if self.loaded is not None:
            self.load_details(self.loaded)

    def action_auto_refresh(self) -> None:
        self.auto_refreshing = not self.auto_refreshing
        if self.auto_refreshing:
            self._auto_timer = self.set_interval(AUTO_REFRESH_SECONDS, self.action_refresh)
        elif self._auto_timer is not None:
            self._auto_timer.stop()
            self._auto_timer = None
        self.show_bars()
        self.say(f"Auto-refresh {'on (every 30 s)' if self.auto_refreshing else 'off'}")

    def action_help(self) -> None:
        self.push_screen(Help())

    # workflow actions --------------------------------------------------------------------------

    @work(group="action")
    async def action_new(self) -> None:
        path = await self.prompt(
            "Workflow specification file (YAML, JSON, JSON5 or KDL):", title="New workflow"
        )
        if not path:
            return
        try:
            workflow_id = await self.call(self.backend.create, Path(path).expanduser(), self.user)
        except Exception as exc:
            self.failed(f"Could not create a workflow from {path}", exc)
            return
        self.say(f"Created workflow {workflow_id} from {path}")
        self.refresh_workflows()

    async def _existing_outputs_ok(self, workflow_id: int, verb: str) -> bool | None:
        """Check the inputs and outputs before a (re)initialization: None to stop, else
        whether to force (existing output files the user agreed to overwrite)."""
        check = await self.call(self.backend.initialization_check, workflow_id)
        if not check.safe:
            missing = [*check.missing_input_files, *check.missing_user_data]
            self.say(
                f"Cannot {verb} workflow {workflow_id}: missing inputs: {', '.join(missing)}",
                error=True,
            )
            return None
        if check.existing_output_files:
            agreed = await self.confirm(
                f"Workflow {workflow_id} has existing output files; {verb} deletes them "
                "(the jobs will write them again). Proceed with --force?",
                list(check.existing_output_files),
                title="Existing output files",
            )
            return True if agreed else None
        return False

    @work(group="action")
    async def action_initialize(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        try:
            force = await self._existing_outputs_ok(wid, "initialize")
            if force is None:
                return
            if (
                not force
                and await self.call(self.backend.is_initialized, wid)
                and not await self.confirm(
                    f"Workflow {wid} is already initialized; initializing it again resets every job. Continue?"
                )
            ):
                return
            run_id = await self.call(self.backend.initialize, wid, force=force)
        except Exception as exc:
            self.failed(f"Could not initialize workflow {wid}", exc)
            return
        self.say(f"Initialized workflow {wid} (run {run_id})")
        self.after_change(wid)

    @work(group="action")
    async def action_reinitialize(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        try:
            force = await self._existing_outputs_ok(wid, "re-initialize")
            if force is None:
                return
            if not force and not await self.confirm(f"Re-initialize workflow {wid}?"):
                return
            run_id = await self.call(self.backend.reinitialize, wid, force=force)
        except Exception as exc:
            self.failed(f"Could not re-initialize workflow {wid}", exc)
            return
        self.say(f"Re-initialized workflow {wid} (run {run_id})")
        self.after_change(wid)

    @work(group="action")
    async def action_reset(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        if not await self.confirm(f"Reset the status of all jobs of workflow {wid}?"):
            return
        try:
            count = await self.call(self.backend.reset, wid)
        except Exception as exc:
            self.failed(f"Could not reset workflow {wid}", exc)
            return
        self.say(f"Reset {count} jobs of workflow {wid}")
        self.after_change(wid)

    @work(group="action")
    async def action_cancel_workflow(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        if not await self.confirm(f"Cancel workflow {wid} and its Slurm allocations?"):
            return
        try:
            nodes = await self.call(self.backend.cancel, wid)
        except Exception as exc:
            self.failed(f"Could not cancel workflow {wid}", exc)
            return
        self.say(f"Canceled workflow {wid}" + (f" and {nodes} Slurm allocations" if nodes else ""))
        self.after_change(wid)

    @work(group="action")
    async def action_delete(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        if not await self.confirm(
            f"Delete workflow {wid} ({workflow.get('name')}) and everything in it? This cannot be undone.",
            title="Delete workflow",
        ):
            return
        try:
            await self.call(self.backend.delete, wid)
        except Exception as exc:
            self.failed(f"Could not delete workflow {wid}", exc)
            return
        if self.loaded == wid:
            self.loaded = None
            for name in ("jobs", "files", "events", "results", "nodes"):
                self.details.show(name, [])
        self.say(f"Deleted workflow {wid}")
        self.refresh_workflows()

    def after_change(self, workflow_id: int) -> None:
        if self.loaded == workflow_id:
            self.schedule_sync()

    @work(group="action")
    async def action_run(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        if wid in self.runs:
            self.say(f"Workflow {wid} is already running here.", error=True)
            return
        if self.loaded != wid:
            self.load(wid)
        args = ["run", str(wid), "--output-dir", str(self.output_dir)]
        await self.torc_command(wid, args, f"Run of workflow {wid}")

    @work(group="action")
    async def action_submit(self) -> None:
        workflow = self.selected_workflow()
        if workflow is None:
            return
        wid = int(workflow["id"])
        if not await self.confirm(f"Submit workflow {wid} to the HPC scheduler (Slurm)?"):
            return
        if self.loaded != wid:
            self.load(wid)
        await self.torc_command(wid, ["workflows", "submit", str(wid)], f"Submit of workflow {wid}")

    async def torc_command(self, workflow_id: int, args: list[str], title: str) -> None:
        """Run `torc ARGS` against this server, its output in the run pane as it comes."""
        pane = self.query_one("#run-output", RichLog)
        pane.add_class("active")
        pane.border_title = f"{title}: running"
        c = self.backend.connection
        env = dict(os.environ)
        if c.username:
            env["TORC_USERNAME"] = c.username
        if c.password:
            env["TORC_PASSWORD"] = c.password
        command = [sys.executable, "-m", "torc_cli.main", "--url", c.url, *args]
        pane.write(Text("$ torc " + " ".join(args), style="bold"))
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        self.runs[workflow_id] = process
        self.say(f"{title} started (output below)")
        assert process.stdout is not None
        async for raw in process.stdout:
            pane.write(raw.decode(errors="replace").rstrip("\n"))
        code = await process.wait()
        self.runs.pop(workflow_id, None)
        pane.border_title = f"{title}: exit code {code}"
        self.say(f"{title} finished with exit code {code}", error=code != 0)
        self.schedule_sync()

    # jobs --------------------------------------------------------------------------------------

    def show_job(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        text = job_summary(job).plain
        self.push_screen(Viewer(f"Job {job['id']}: {job['name']}", [Document("details", text)]))

    @work(group="action")
    async def action_logs(self) -> None:
        if self.details.active == "nodes":
            await self.slurm_logs()
            return
        job = self.selected_job()
        if self.details.active == "results":  # the job of the selected result
            result = self.details.selected("results")
            job = next(
                (j for j in self.details.rows["jobs"] if result and j["id"] == result["job_id"]),
                job,
            )
        if job is None or self.loaded is None:
            return
        from torc_runner import logs

        wid = self.loaded
        try:
            run_id = await self.call(self.backend.latest_run_of, wid, int(job["id"]))
        except Exception as exc:
            self.failed("Could not find the job's run", exc)
            return
        out = logs.job_stdout(self.output_dir, wid, int(job["id"]), run_id)
        err = logs.job_stderr(self.output_dir, wid, int(job["id"]), run_id)
        docs = [Document("stdout", read_text_file(out)), Document("stderr", read_text_file(err))]
        self.push_screen(Viewer(f"Job {job['id']} ({job['name']}) run {run_id}", docs))

    async def slurm_logs(self) -> None:
        node = self.details.selected("nodes")
        if node is None or self.loaded is None:
            self.say("No scheduled node selected.", error=True)
            return
        from torc_runner.slurm.log_files import slurm_stderr, slurm_stdout

        slurm_id = node.get("scheduler_id")
        out = slurm_stdout(self.output_dir, self.loaded, slurm_id)
        err = slurm_stderr(self.output_dir, self.loaded, slurm_id)
        docs = [Document("stdout", read_text_file(out)), Document("stderr", read_text_file(err))]
        self.push_screen(Viewer(f"Slurm job {slurm_id}", docs))

    @work(group="action")
    async def action_job_status(self, status: str) -> None:
        job = self.selected_job()
        if job is None or self.loaded is None:
            return
        verb = {"canceled": "Cancel", "terminated": "Terminate"}[status]
        if not await self.confirm(f"{verb} job {job['id']} ({job['name']})?"):
            return
        try:
            updated = await self.call(self.backend.stop_job, self.loaded, int(job["id"]), status)
        except Exception as exc:
            self.failed(f"Could not {verb.lower()} job {job['id']}", exc)
            return
        self.details.update_job(updated)
        self.say(f"Job {job['id']} is {updated.get('status')}")
        self.schedule_sync()

    @work(group="action")
    async def action_retry(self) -> None:
        job = self.selected_job()
        if job is None or self.loaded is None:
            return
        if job.get("status") not in ("failed", "canceled", "terminated", "pending_failed"):
            self.say(
                f"Job {job['id']} is {job.get('status')}; only failed jobs are retried.", error=True
            )
            return
        if not await self.confirm(f"Retry job {job['id']} ({job['name']})?"):
            return
        try:
            updated = await self.call(self.backend.retry, self.loaded, int(job["id"]))
        except Exception as exc:
            self.failed(f"Could not retry job {job['id']}", exc)
            return
        self.details.update_job(updated)
        self.say(f"Job {job['id']} is {updated.get('status')} again")
        self.schedule_sync()

    @work(group="action")
    async def action_filter(self) -> None:
        current = self.details.job_filter
        answer = await self.prompt(
            "Filter jobs as COLUMN: TEXT (columns: id, name, status, command); empty clears:",
            value=f"{current[0]}: {current[1]}" if current else "status: ",
            title="Filter jobs",
        )
        if answer is None:
            return
        column, _, text = answer.partition(":")
        column, text = column.strip().lower(), text.strip()
        if not text:
            self.details.filter_jobs("", "")
            self.say("Job filter cleared")
            return
        if column not in ("id", "name", "status", "command"):
            self.say(f"Unknown column {column!r}: use id, name, status or command", error=True)
            return
        self.details.filter_jobs(column, text)
        self.say(f"Jobs where {column} contains {text!r}: {self.details.table('jobs').row_count}")

    def view_file(self) -> None:
        record = self.details.selected("files")
        if record is None:
            return
        path = Path(str(record.get("path")))
        text = read_text_file(path, missing="File not available")
        self.push_screen(Viewer(f"File {record.get('name')} ({path})", [Document("content", text)]))

    # server and connection ---------------------------------------------------------------------

    @work(group="server", exclusive=True)
    async def action_start_server(self) -> None:
        if self.server is not None and self.server.running:
            self.say(f"torc-server is already running at {self.server.url}")
            return
        if self.server is None:
            port = 0 if self.connected else _port_of(self.backend.connection.url)
            self.server = ManagedServer(port=port)
        self.say("Starting torc-server ...")
        try:
            url = await self.call(self.server.start)
        except ServerError as exc:
            self.say(str(exc), error=True)
            self.show_bars()
            return
        self.backend.reconnect(url)
        self.say(f"torc-server started at {url}")
        self.refresh_workflows(announce=True)

    @work(group="server", exclusive=True)
    async def action_stop_server(self) -> None:
        if self.server is None or not self.server.running:
            self.say("No torc-server started here is running.", error=True)
            return
        if not await self.confirm("Stop the torc-server started here?"):
            return
        await self.call(self.server.stop)
        self.connected = False
        self.show_bars()
        self.say("torc-server stopped")

    def action_server_output(self) -> None:
        if self.server is None:
            self.say("No torc-server was started here (S starts one).", error=True)
            return
        text = "\n".join(self.server.output)
        self.push_screen(Viewer("torc-server output", [Document("output", text)]))

    @work(group="action")
    async def action_change_url(self) -> None:
        url = await self.prompt("Server URL:", self.backend.connection.url, title="Server")
        if not url:
            return
        if not url.startswith(("http://", "https://")):
            self.say(f"invalid URL {url!r}: it must start with http:// or https://", error=True)
            return
        self.backend.reconnect(url.rstrip("/"))
        self.loaded = None
        self.refresh_workflows(announce=True)

    @work(group="action")
    async def action_change_user(self) -> None:
        user = await self.prompt("Show the workflows of user:", self.user, title="User filter")
        if not user:
            return
        self.user, self.all_users = user.strip(), False
        self.refresh_workflows(announce=True)

    def action_all_users(self) -> None:
        self.all_users = not self.all_users
        self.refresh_workflows(announce=True)

    # leaving -----------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.exit()

    def on_unmount(self) -> None:
        for process in list(self.runs.values()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        self.backend.close()


def _port_of(url: str) -> int:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).port or 8080
    except ValueError:
        return 8080


_MAIN_ACTIONS = {b.action.split("(")[0] for b in TorcTui.BINDINGS}  # type: ignore[union-attr]

"""The detail tabs of the loaded workflow: Jobs, Files, Events, Results, DAG, Nodes.

Tables are filled once per load and then changed cell by cell (`update_job`), so a running
workflow costs a few cells per event, not a redraw.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from torc_cli.tui import dag
from torc_cli.tui.colours import status_text

TABS = ["jobs", "files", "events", "results", "dag", "nodes"]
TAB_TITLES = {
    "jobs": "Jobs",
    "files": "Files",
    "events": "Events",
    "results": "Results",
    "dag": "DAG",
    "nodes": "Nodes",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    cell: Callable[[dict[str, Any]], Any]


def _get(name: str, width: int | None = None) -> Callable[[dict[str, Any]], Any]:
    def cell(row: dict[str, Any]) -> Any:
        value = row.get(name)
        text = "" if value is None else str(value)
        return text if width is None or len(text) <= width else text[: width - 1] + "…"

    return cell


def _millis(row: dict[str, Any]) -> str:
    value = row.get("timestamp")
    if not isinstance(value, int | float):
        return str(value or "")
    return datetime.fromtimestamp(value / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _event_data(row: dict[str, Any]) -> str:
    data = dict(row.get("data") or {})
    for key in ("category", "type", "severity"):
        data.pop(key, None)
    text = json.dumps(data, separators=(",", ":")) if data else ""
    return text if len(text) <= 60 else text[:59] + "…"


def _event_type(row: dict[str, Any]) -> str:
    return str(row.get("event_type") or (row.get("data") or {}).get("type") or "")


def _severity(row: dict[str, Any]) -> str:
    return str(row.get("severity") or (row.get("data") or {}).get("severity") or "")


COLUMNS: dict[str, list[Column]] = {
    "jobs": [
        Column("id", "ID", _get("id")),
        Column("name", "Name", _get("name", 30)),
        Column("status", "Status", lambda r: status_text(r.get("status"))),
        Column("command", "Command", _get("command", 50)),
    ],
    "files": [
        Column("id", "ID", _get("id")),
        Column("name", "Name", _get("name", 30)),
        Column("path", "Path", _get("path", 60)),
    ],
    "events": [
        Column("id", "ID", _get("id")),
        Column("timestamp", "Time", _millis),
        Column("type", "Type", _event_type),
        Column("severity", "Severity", _severity),
        Column("data", "Data", _event_data),
    ],
    "results": [
        Column("id", "ID", _get("id")),
        Column("job_id", "Job", _get("job_id")),
        Column("run_id", "Run", _get("run_id")),
        Column("return_code", "Return code", _get("return_code")),
        Column("status", "Status", lambda r: status_text(r.get("status"))),
        Column("exec_time_minutes", "Minutes", lambda r: f"{r.get('exec_time_minutes') or 0:.2f}"),
    ],
    "nodes": [
        Column("id", "ID", _get("id")),
        Column("scheduler_id", "Slurm job", _get("scheduler_id")),
        Column("scheduler_type", "Type", _get("scheduler_type")),
        Column("status", "Status", _get("status")),
    ],
}


class Details(Vertical):
    """The tabs; `show(name, rows)` fills one, `update_job` changes one job's row."""

    def __init__(self) -> None:
        super().__init__(id="details")
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABS}
        self.job_filter: tuple[str, str] | None = None
        self._active = "jobs"
        self._applying = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="jobs"):
            for name in TABS:
                with TabPane(TAB_TITLES[name], id=name):
                    if name == "dag":
                        with VerticalScroll(id="dag-scroll"):
                            yield Static("Load a workflow (Enter) to see its jobs.", id="dag-text")
                    else:
                        yield DataTable(id=f"{name}-table", cursor_type="row", zebra_stripes=True)

    @property
    def active(self) -> str:
        """The tab shown (kept here: the tabbed content applies a change a moment later, and
        keys pressed quickly in a row must see each other's change; tabs change by key)."""
        return self._active

    @active.setter
    def active(self, name: str) -> None:
        self._active = name
        if not self._applying:
            self._applying = True
            self.set_timer(0.05, self._apply)

    def _apply(self) -> None:
        """Show the chosen tab and focus it. Changes are applied once keys stop coming:
        the tabbed content loses track when it is switched several times in one moment."""
        self._applying = False
        self.query_one(TabbedContent).active = self._active
        self.focus_tab()

    def focus_tab(self) -> None:
        if self._active == "dag":
            self.query_one("#dag-scroll").focus()
        else:
            self.table(self._active).focus()

    def on_mount(self) -> None:
        for name, columns in COLUMNS.items():
            table = self.table(name)
            for column in columns:
                table.add_column(column.label, key=column.key)

    def table(self, name: str) -> DataTable[Any]:
        return self.query_one(f"#{name}-table", DataTable)

    def next_tab(self) -> str:
        self.active = TABS[(TABS.index(self.active) + 1) % len(TABS)]
        return self.active

    def show(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        self.rows[name] = list(rows)
        if name == "dag":
            self.query_one("#dag-text", Static).update(dag.render(rows))
            return
        shown = self.rows[name]
        if name == "jobs":
            self.show("dag", rows)
            shown = [r for r in shown if self._passes(r)]
        table = self.table(name)
        keep = table.cursor_row
        table.clear()
        for row in shown:
            table.add_row(*(c.cell(row) for c in COLUMNS[name]), key=str(row.get("id")))
        if shown:
            table.move_cursor(row=min(keep, len(shown) - 1))

    def _passes(self, job: dict[str, Any]) -> bool:
        if self.job_filter is None:
            return True
        column, text = self.job_filter
        return text.lower() in str(job.get(column, "")).lower()

    def filter_jobs(self, column: str, text: str) -> None:
        self.job_filter = (column, text) if text else None
        self.show("jobs", self.rows["jobs"])

    def selected(self, name: str) -> dict[str, Any] | None:
        table = self.table(name)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((r for r in self.rows[name] if str(r.get("id")) == key), None)

    def update_jobs(self, jobs: Sequence[dict[str, Any]]) -> int:
        """Bring the jobs table up to date cell by cell; how many cells changed. A different
        set of jobs refills the table."""
        old = {str(j.get("id")): j for j in self.rows["jobs"]}
        if set(old) != {str(j.get("id")) for j in jobs}:
            self.show("jobs", jobs)
            return len(jobs)
        changed = 0
        for job in jobs:
            changed += self.update_job(job, refresh_dag=False)
        if changed:
            self.show("dag", self.rows["jobs"])
        return changed

    def update_job(self, job: dict[str, Any], *, refresh_dag: bool = True) -> int:
        """One job's new values (a partial record is fine); how many cells changed."""
        key = str(job.get("id"))
        current = next((j for j in self.rows["jobs"] if str(j.get("id")) == key), None)
        if current is None:
            return 0
        changes = {k: v for k, v in job.items() if current.get(k) != v}
        if not changes:
            return 0
        current.update(changes)
        table = self.table("jobs")
        changed = 0
        if key in table.rows:
            for column in COLUMNS["jobs"]:
                if column.key in changes:
                    table.update_cell(key, column.key, column.cell(current))
                    changed += 1
        if refresh_dag:
            self.show("dag", self.rows["jobs"])
        return changed or 1

    def add_event(self, event: dict[str, Any]) -> None:
        """A live event at the end of the Events table."""
        row = {"id": f"live{len(self.rows['events'])}", **event}
        self.rows["events"].append(row)
        table = self.table("events")
        table.add_row(*(c.cell(row) for c in COLUMNS["events"]), key=str(row["id"]))
        if table.cursor_row >= table.row_count - 2:
            table.move_cursor(row=table.row_count - 1)


def job_summary(job: dict[str, Any]) -> Text:
    """A job's record for the details popup."""
    text = Text()
    for key, value in job.items():
        if value in (None, [], {}):
            continue
        text.append(f"{key}: ", style="bold")
        text.append(status_text(value) if key == "status" else Text(str(value)))
        text.append("\n")
    return text

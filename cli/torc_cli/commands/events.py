"""`torc events`: a workflow's stored events, and its live event stream."""

from __future__ import annotations

import json
import queue
import signal
import sys
import threading
import time
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import display, output, selection, session
from torc_cli.resource import SHORT_FLAGS, Query, Resource, add_commands
from torc_cli.session import CliError

app = App(name="events", help="Event management commands.")

EVENT_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Timestamp", "timestamp", display.millis),
    display.Column("Category", "category"),
    display.Column("Type", "type"),
    display.Column("Severity", "severity"),
    display.Column("Data", "details"),
]


def _row(event: Any) -> dict[str, Any]:
    """A stored event with the fields every event has pulled out of its data, for the table."""
    plain = session.to_plain(event)
    data = dict(plain.get("data") or {})
    return {
        **plain,
        "category": data.pop("category", None),
        "type": data.pop("type", None),
        "severity": data.pop("severity", None),
        "details": data or None,
    }


@app.command
def create(
    workflow_id: Annotated[
        int | None, Parameter(help="Create the event in this workflow (chosen on a terminal).")
    ] = None,
    *,
    data: Annotated[str, Parameter(name=["--data", "-d"], help="JSON data for the event.")],
) -> None:
    """Create a new event."""
    try:
        payload = json.loads(data)
    except ValueError as exc:
        raise CliError(f"--data is not valid JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise CliError('--data must be a JSON object, for example \'{"message": "hello"}\'')
    workflow_id = selection.workflow_id(workflow_id)
    created = session.get().api.create_event(
        {"workflow_id": workflow_id, "timestamp": int(time.time() * 1000), "data": payload}
    )
    display.show_record(created, title=f"Created event {created.id}")


def _filters(
    *,
    category: Annotated[
        str | None,
        Parameter(
            name=["--category", "-c"],
            help="Filter events by category (job, jobs, workflow, compute_node, ...).",
        ),
    ] = None,
) -> Query:
    return {"category": category}


EVENTS = Resource(
    "event",
    "events",
    EVENT_COLUMNS,
    list="list_events",
    delete="delete_event",
    in_workflow=True,
    filters=_filters,
    paging=SHORT_FLAGS,
    row=_row,
    help={"delete": "Delete an event."},
)
add_commands(app, EVENTS)


@app.command(name="get-latest-event")
def get_latest_event(
    workflow_id: Annotated[
        int | None,
        Parameter(help="Get the latest event for this workflow (optional: chosen on a terminal)."),
    ] = None,
) -> None:
    """Get the latest event for a workflow (null in JSON when it has none)."""
    workflow_id = selection.workflow_id(workflow_id)
    page = session.get().api.list_events(
        workflow_id, sort_by="timestamp", reverse_sort=True, limit=1
    )
    latest = page.items[0] if page.items else None
    if session.get().json:
        output.emit_json(latest)
    elif latest is None:
        print(f"No events found for workflow {workflow_id}.")
    else:
        row = _row(latest)
        display.show_record(
            {
                "id": row.get("id"),
                "workflow_id": row.get("workflow_id"),
                "timestamp": display.millis(row.get("timestamp")),
                "category": row["category"],
                "type": row["type"],
                "severity": row["severity"],
                "data": row["details"],
            },
            title=f"Latest event of workflow {workflow_id}:",
        )


# ---------------------------------------------------------------------------------------------
# the live stream


def _matches(category: str | None, event: dict[str, Any]) -> bool:
    """Whether a live event belongs to a category: `job` takes job_started, job_completed, ...;
    `compute_node` takes compute_node_started, ...; an exact event type matches too."""
    if category is None:
        return True
    kind = str(event.get("event_type") or "")
    return kind == category or kind.startswith(category + "_")


class _Stream(threading.Thread):
    """Reads `GET /workflows/{id}/events/stream` (server-sent events) and puts what it reads on
    a queue: ("open",) once the server has subscribed us (its `: subscribed` comment),
    ("event", name, data), ("closed",) when the server ends the stream, or
    ("error", message, fatal)."""

    def __init__(
        self,
        url: str,
        headers: dict[str, str],
        inbox: queue.Queue[tuple[Any, ...]],
        verify: Any = True,
    ):
        super().__init__(daemon=True)
        self.url, self.headers, self.inbox, self.verify = url, headers, inbox, verify

    def run(self) -> None:
        import httpx

        from torc.errors import error_message

        timeout = httpx.Timeout(30.0, read=None)
        try:
            with (
                httpx.Client(headers=self.headers, timeout=timeout, verify=self.verify) as client,
                client.stream("GET", self.url) as response,
            ):
                if response.status_code != 200:
                    body = response.read()
                    message = error_message(response.status_code, body)
                    self.inbox.put(("error", f"HTTP {response.status_code}: {message}", True))
                    return
                name, data = "message", []
                for line in response.iter_lines():
                    if not line:
                        if data:
                            self.inbox.put(("event", name, "\n".join(data)))
                        name, data = "message", []
                    elif line.startswith(":"):
                        # the server has subscribed us: every event from now on arrives
                        if line[1:].strip() == "subscribed":
                            self.inbox.put(("open",))
                        continue
                    elif line.startswith("event:"):
                        name = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].removeprefix(" "))
            self.inbox.put(("closed",))
        except httpx.HTTPError as exc:
            self.inbox.put(("error", f"{type(exc).__name__}: {exc}", False))


class _Printer:
    """Events as lines for people, or one JSON document `{"workflow_id", "events": [...]}`
    written as the events arrive and closed when monitoring stops."""

    def __init__(self, workflow_id: int) -> None:
        self.json = session.get().json
        self.count = 0
        if self.json:
            sys.stdout.write(f'{{"workflow_id": {workflow_id}, "events": [')
            sys.stdout.flush()

    def event(self, event: dict[str, Any]) -> None:
        if self.json:
            sys.stdout.write(("," if self.count else "") + "\n  " + json.dumps(event))
        else:
            details = json.dumps(event.get("data") or {}, separators=(", ", ": "))
            print(
                f"{display.millis(event.get('timestamp'))}  {event.get('severity', ''):<7}  "
                f"{event.get('event_type', ''):<22}  {details}"
            )
        self.count += 1
        sys.stdout.flush()

    def close(self) -> None:
        if self.json:
            sys.stdout.write(("\n" if self.count else "") + "]}\n")
            sys.stdout.flush()


@app.command
def monitor(
    workflow_id: Annotated[
        int | None,
        Parameter(help="Monitor events for this workflow (optional: chosen on a terminal)."),
    ] = None,
    *,
    duration: Annotated[
        float | None,
        Parameter(
            name=["--duration", "-d"],
            help="Duration to monitor in minutes (default: infinite; Ctrl-C stops).",
        ),
    ] = None,
    poll_interval: Annotated[
        float,
        Parameter(
            name=["--poll-interval", "-p"],
            help="Seconds to wait before reconnecting when the connection to the server drops "
            "(events themselves arrive as they happen).",
        ),
    ] = 60,
    category: Annotated[
        str | None,
        Parameter(
            name=["--category", "-c"],
            help="Filter events by category (job, compute_node, workflow, ...) or event type.",
        ),
    ] = None,
) -> int:
    """Monitor events for a workflow in real-time.

    Follows the server's live event stream and prints each event as it happens (with -f json,
    one document {"workflow_id": ..., "events": [...]} that is complete when monitoring stops),
    until interrupted (Ctrl-C) or until --duration minutes have passed. Only events that happen
    while monitoring are shown; `torc events list` shows the stored history.
    """
    if duration is not None and duration <= 0:
        raise CliError(f"--duration must be a positive number of minutes, not {duration}")
    if poll_interval < 0:
        raise CliError(f"--poll-interval must be 0 or more seconds, not {poll_interval}")
    workflow_id = selection.workflow_id(workflow_id)
    current = session.get()
    current.api.get_workflow(workflow_id)  # an unknown id fails here, with the usual message
    from torc.api import basic_auth_header

    headers = {"Accept": "text/event-stream"}
    if current.username:
        headers["Authorization"] = basic_auth_header(current.username, current.password or "")
    url = f"{current.url.rstrip('/')}/workflows/{workflow_id}/events/stream"
    deadline = None if duration is None else time.monotonic() + duration * 60

    def remaining() -> float | None:
        return None if deadline is None else deadline - time.monotonic()

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    printer = _Printer(workflow_id)
    try:
        while True:
            inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
            _Stream(url, headers, inbox, current.tls_verify()).start()
            if _follow(inbox, printer, category, remaining, workflow_id):
                return 0
            wait = poll_interval if deadline is None else min(poll_interval, remaining() or 0)
            print(
                f"torc: the event stream of workflow {workflow_id} ended; reconnecting in "
                f"{wait:g} s",
                file=sys.stderr,
            )
            time.sleep(max(0.0, wait))
            if deadline is not None and remaining() <= 0:  # type: ignore[operator]
                return 0
    except KeyboardInterrupt:
        return 0
    finally:
        printer.close()
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


def _follow(
    inbox: queue.Queue[tuple[Any, ...]],
    printer: _Printer,
    category: str | None,
    remaining: Any,
    workflow_id: int,
) -> bool:
    """Print what one connection delivers; True when monitoring is over (the duration passed),
    False when the connection ended and should be opened again."""
    while True:
        left = remaining()
        if left is not None and left <= 0:
            return True
        try:
            item = inbox.get(timeout=0.5 if left is None else min(0.5, left))
        except queue.Empty:
            continue
        kind = item[0]
        if kind == "open":
            print(f"Monitoring events of workflow {workflow_id} (Ctrl-C to stop)", file=sys.stderr)
        elif kind == "event":
            _, name, data = item
            try:
                event = json.loads(data)
            except ValueError:
                event = {"event_type": name, "data": data}
            if name == "warning" and "event_type" not in event:
                print(f"torc: the server dropped events: {data}", file=sys.stderr)
                continue
            if _matches(category, event):
                printer.event(event)
        elif kind == "closed":
            return False
        elif kind == "error":
            _, message, fatal = item
            if fatal:
                raise CliError(f"cannot follow the events of workflow {workflow_id}: {message}")
            print(f"torc: event stream of workflow {workflow_id}: {message}", file=sys.stderr)
            return False


COMMANDS = [app]

"""Workflow events: persisted in the `event` table and broadcast live to stream subscribers.

Live subscribers (the `events/stream` route) receive a message only after the transaction that
produced it commits; a subscriber that falls behind gets a `warning` frame saying how many
messages it missed instead of holding the server's memory.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import msgspec

from torc_server.storage import records

SEVERITIES = ("debug", "info", "warning", "error")
QUEUE_SIZE = 512


class Broadcast(NamedTuple):
    """An event for live subscribers (a tuple: a report makes one or two per job)."""

    workflow_id: int
    timestamp: int
    event_type: str
    severity: str
    data: dict[str, Any]


@dataclass(eq=False)  # kept in a set: hashed by identity
class _Subscriber:
    workflow_id: int
    min_level: int
    queue: asyncio.Queue[Broadcast | None] = field(
        default_factory=lambda: asyncio.Queue(QUEUE_SIZE)
    )
    dropped: int = 0
    closed: bool = False


def _stored(event_type: str, severity: str, data: dict[str, Any]) -> str:
    """An event's stored JSON: its category (the type's first word), type, severity and data.
    The opening of each kind is encoded once (a report stores one or two events a job)."""
    if _NAMED.isdisjoint(data):
        encoded = _ENCODE(data)
        head = _head(event_type, severity)
        return (head + b"}" if encoded == b"{}" else head + b"," + encoded[1:]).decode()
    return _ENCODE({**_heading(event_type, severity), **data}).decode()


_ENCODE = msgspec.json.Encoder().encode
_NAMED = frozenset(("category", "type", "severity"))


def _heading(event_type: str, severity: str) -> dict[str, str]:
    category = (
        "compute_node" if event_type.startswith("compute_node") else event_type.split("_", 1)[0]
    )
    return {"category": category, "type": event_type, "severity": severity}


@functools.lru_cache(maxsize=256)
def _head(event_type: str, severity: str) -> bytes:
    """`{"category":...,"type":...,"severity":...` without its closing brace."""
    return _ENCODE(_heading(event_type, severity))[:-1]


class EventSink:
    """Collects events during a request and publishes them once the change is committed (only
    while a live stream is open: a runner's report stores one or two events per job, most
    often with nobody listening)."""

    def __init__(self) -> None:
        self._subscribers: set[_Subscriber] = set()
        self._pending: list[Broadcast] = []
        self._closed = False
        self._last: int | None = None  # the latest stamp given (None: read it from the table)

    def stamp(self, conn: sqlite3.Connection) -> int:
        """The time of an event written now, in milliseconds since the epoch, and never before
        the latest event's: timestamps follow ids even when the clock is set back, so listing a
        workflow's events in id order reads its index on (workflow_id, timestamp)."""
        now = int(time.time() * 1000)
        last = self._last
        if last is None:
            row = conn.execute("SELECT timestamp FROM event ORDER BY id DESC LIMIT 1").fetchone()
            last = 0 if row is None else row[0]
        if now < last:
            now = last
        self._last = now
        return now

    def emit(
        self,
        conn: sqlite3.Connection,
        workflow_id: int,
        event_type: str,
        severity: str,
        data: dict[str, Any],
        *,
        persist: bool = True,
    ) -> None:
        timestamp = self.stamp(conn)
        if persist:
            conn.execute(
                "INSERT INTO event (workflow_id, timestamp, data) VALUES (?, ?, ?)",
                (workflow_id, timestamp, _stored(event_type, severity, data)),
            )
        if self._subscribers:
            self._pending.append(Broadcast(workflow_id, timestamp, event_type, severity, data))

    def emit_many(
        self, conn: sqlite3.Connection, events: list[tuple[int, str, str, dict[str, Any]]]
    ) -> None:
        """Several events (workflow id, type, severity, data), in order, stored by one
        statement: a runner's report has one or two per job."""
        if not events:
            return
        timestamp = self.stamp(conn)
        records.insert_rows(
            conn,
            "event",
            ("workflow_id", "timestamp", "data"),
            [
                (workflow_id, timestamp, _stored(event_type, severity, data))
                for workflow_id, event_type, severity, data in events
            ],
        )
        if self._subscribers:
            self._pending.extend(
                Broadcast(workflow_id, timestamp, event_type, severity, data)
                for workflow_id, event_type, severity, data in events
            )

    def broadcast(self, workflow_id: int, timestamp: int, data: dict[str, Any]) -> None:
        """Publish an event stored by a client (`create_event`) after its change commits: its
        `type` (else its `category`, else `event`) and `severity` (else info) name it."""
        kind = data.get("type") or data.get("category") or "event"
        severity = data.get("severity")
        if severity not in SEVERITIES:
            severity = "info"
        if self._subscribers:
            self._pending.append(Broadcast(workflow_id, timestamp, str(kind), severity, data))

    def discard(self) -> None:
        """Forget events of a change that was rolled back."""
        self._pending.clear()

    def publish(self) -> None:
        """Deliver the events of a committed change to live subscribers."""
        pending, self._pending = self._pending, []
        if not self._subscribers:
            return
        for event in pending:
            level = SEVERITIES.index(event.severity)
            for sub in self._subscribers:
                if sub.workflow_id != event.workflow_id or level < sub.min_level:
                    continue
                try:
                    sub.queue.put_nowait(event)
                except asyncio.QueueFull:
                    sub.dropped += 1

    def close(self) -> None:
        """End every live stream (the server is stopping): an open stream would otherwise
        hold the HTTP server's graceful shutdown until its client went away."""
        self._closed = True
        for sub in self._subscribers:
            sub.closed = True
            if sub.queue.full():
                sub.queue.get_nowait()
            sub.queue.put_nowait(None)

    async def subscribe(
        self, workflow_id: int, level: str, *, announce: bool = False
    ) -> AsyncIterator[tuple[str, str]]:
        """(event name, JSON data) frames for one workflow, until the client goes away or the
        server stops. With `announce`, a first ("", "") frame says that every later event will
        be delivered."""
        if self._closed:
            return
        sub = _Subscriber(workflow_id, SEVERITIES.index(level))
        self._subscribers.add(sub)
        try:
            if announce:
                yield "", ""
            while not sub.closed:
                if sub.dropped:
                    dropped, sub.dropped = sub.dropped, 0
                    yield "warning", msgspec.json.encode({"dropped": dropped}).decode()
                event = await sub.queue.get()
                if event is None:
                    return
                payload = {
                    "workflow_id": event.workflow_id,
                    "timestamp": event.timestamp,
                    "event_type": event.event_type,
                    "severity": event.severity,
                    "data": event.data,
                }
                yield event.event_type, msgspec.json.encode(payload).decode()
        finally:
            self._subscribers.discard(sub)

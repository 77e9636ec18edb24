"""The engine: workflow and job semantics, independent of HTTP."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from torc_server.engine.events import EventSink
from torc_server.engine.exchanges import Answers, Heartbeats, HeldAnswers
from torc_server.storage.database import IN_MEMORY, Database


class Engine:
    """The database plus the event sink; `change()` is one transaction whose events are
    published, and whose answers kept for repeats (`answers`, see `exchanges`) are kept, only if
    it commits. `heartbeats` notes when each compute node's runner was last recorded as heard
    from."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.events = EventSink()
        self.heartbeats = Heartbeats()
        self.answers = HeldAnswers() if db.path == IN_MEMORY else Answers()

    @contextmanager
    def change(self) -> Iterator[sqlite3.Connection]:
        try:
            with self.db.transaction() as conn:
                yield conn
        except BaseException:
            self.events.discard()
            self.answers.discarded()
            raise
        self.events.publish()
        self.answers.committed()

"""The engine: workflow and job semantics, independent of HTTP."""

from __future__ import annotations

import sqlite3

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

    def change(self) -> Change:
        return Change(self)


class Change:
    """`Engine.change()`: a class rather than a generator, as every request enters one."""

    __slots__ = ("_engine",)

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __enter__(self) -> sqlite3.Connection:
        return self._engine.db.begin()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        engine = self._engine
        committed = False
        try:
            engine.db.end(kind is None)
            committed = kind is None
        finally:
            if committed:
                engine.events.publish()
                engine.answers.committed()
            else:
                engine.events.discard()
                engine.answers.discarded()

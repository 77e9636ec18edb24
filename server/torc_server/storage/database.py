"""Opening the SQLite database and running transactions on it.

The server owns one connection, used from the event loop thread only: SQLite serializes writers
anyway, and a single connection means no lock waits inside the process. Transactions are explicit
(`BEGIN IMMEDIATE` ... `COMMIT`) so that every change that touches more than one row is all or
nothing, and a claim selects and marks jobs under the write lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from torc_server.storage.schema import migrate

if TYPE_CHECKING:
    import sqlite_utils

IN_MEMORY = ":memory:"


class Database:
    """The server's database: a sqlite-utils handle plus explicit transactions."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != IN_MEMORY:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, cached_statements=512
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 45000")
        if self.path != IN_MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode loses nothing when the process is killed (only on power loss).
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")
        self.conn = conn
        self.previous_version = migrate(conn)
        self._depth = 0

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """A sqlite-utils handle on the same connection, made on first use (importing
        sqlite-utils costs every server start a twentieth of a second)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def transaction(self) -> Transaction:
        """One write transaction; nested uses join the outer one."""
        return Transaction(self)

    def begin(self) -> sqlite3.Connection:
        """Enter a write transaction (or join the open one); `end` leaves it."""
        if not self._depth:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        return self.conn

    def end(self, ok: bool) -> None:
        """Leave the transaction `begin` entered: the outermost commits it if `ok`, else rolls
        it back (as it does when the commit itself fails)."""
        self._depth -= 1
        if self._depth:
            return
        if ok:
            try:
                self.conn.execute("COMMIT")
                return
            except BaseException:
                self._roll_back()
                raise
        self._roll_back()

    def _roll_back(self) -> None:
        # an error may have rolled the transaction back already (SQLITE_FULL, an I/O error):
        # a second ROLLBACK would then fail and hide that error
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def bulk_delete(self) -> Iterator[sqlite3.Connection]:
        """One write transaction with foreign key enforcement off, for deleting whole groups of
        rows whose every table the caller names: with enforcement on, SQLite looks for child
        rows in every referencing table for each row it deletes (deleting a million-job
        workflow took over a minute). SQLite changes the setting only outside a transaction,
        so this cannot join an outer one."""
        if self._depth:
            raise RuntimeError("bulk_delete inside a transaction")
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction() as conn:
                yield conn
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        self.conn.close()

    def backup_to(self, target: str | Path, *, pages: int = -1) -> None:
        """Copy the live database to a file through SQLite's online backup API, `pages` per
        step (-1: all at once). From another thread, this connection's statements run between
        the steps; a step that finds it writing waits a millisecond and tries again."""
        dest = sqlite3.connect(str(target), check_same_thread=False)
        try:
            self.conn.backup(dest, pages=pages, sleep=0.001)
        finally:
            dest.close()


class Transaction:
    """`Database.transaction()`: a class rather than a generator, as every request enters one
    (a generator's context manager costs several times as much to enter and leave)."""

    __slots__ = ("_db",)

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        return self._db.begin()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._db.end(kind is None)

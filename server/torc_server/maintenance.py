"""Database maintenance for administrators (`torc-server db`), with sqlite-utils.

Everything here is safe while the server runs: `backup` copies through SQLite's online backup
API (a consistent snapshot, whatever the server writes meanwhile), `check`, `stats` and `export`
open the file read-only, and `vacuum` waits for the server's write lock like any other writer.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


class MaintenanceError(Exception):
    """One line saying what went wrong."""


def open_database(path: str, *, write: bool = False) -> sqlite_utils.Database:
    if path == ":memory:":
        raise MaintenanceError("an in-memory database lives only inside its server")
    if not Path(path).is_file():
        raise MaintenanceError(f"no database at {path} (give --database)")
    mode = "rw" if write else "ro"
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode={mode}", uri=True)
        conn.execute("PRAGMA busy_timeout = 45000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise MaintenanceError(f"cannot open {path} as a SQLite database: {exc}") from exc
    import sqlite_utils  # here: every server start imports this module, for MaintenanceError

    return sqlite_utils.Database(conn)


def backup(path: str, target: Path) -> int:
    """A consistent copy of the database at `target` (written beside it, then renamed into
    place); its size in bytes."""
    source = open_database(path)
    target = target.expanduser().resolve()
    if target == Path(path).resolve():
        raise MaintenanceError("the backup must go to another file than the database")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with sqlite3.connect(partial) as dest:
            source.conn.backup(dest)
        dest.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise MaintenanceError(f"cannot write the backup {target}: {exc}") from exc
    finally:
        source.conn.close()
    return target.stat().st_size


def check(path: str) -> list[str]:
    """Problems found by SQLite's integrity and foreign key checks (none: an empty list)."""
    db = open_database(path)
    try:
        problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    finally:
        db.conn.close()
    return problems


def vacuum(path: str) -> tuple[int, int]:
    """Rebuild the file without its free pages; its size (with the WAL) before and after."""
    before = _size(path)
    db = open_database(path, write=True)
    try:
        db.vacuum()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise MaintenanceError(f"cannot vacuum {path}: {exc}") from exc
    finally:
        db.conn.close()
    return before, _size(path)


@dataclass(frozen=True)
class Stats:
    path: str
    size: int  # bytes, the write-ahead log included
    schema_version: int
    rows: dict[str, int]


def stats(path: str) -> Stats:
    db = open_database(path)
    try:
        rows = {table.name: table.count for table in db.tables if table.name != "sqlite_sequence"}
        (version,) = db.execute("PRAGMA user_version").fetchone()
    finally:
        db.conn.close()
    return Stats(path, _size(path), version, rows)


def export_workflow(path: str, workflow_id: int) -> dict[str, Any]:
    """Every record of one workflow: the workflow, its status, and the rows of each table that
    belongs to a workflow, by table name."""
    db = open_database(path)
    try:
        workflow = next(db["workflow"].rows_where("id = ?", [workflow_id]), None)
        if workflow is None:
            raise MaintenanceError(f"no workflow {workflow_id} in {path}")
        status = next(db["workflow_status"].rows_where("id = ?", [workflow_id]), None)
        tables: dict[str, list[dict[str, Any]]] = {}
        for table in db.tables:
            if "workflow_id" in table.columns_dict:
                order = "id" if "id" in table.columns_dict else None
                tables[table.name] = list(
                    table.rows_where("workflow_id = ?", [workflow_id], order_by=order)
                )
    finally:
        db.conn.close()
    return {
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": path,
        "workflow": workflow,
        "workflow_status": status,
        "tables": tables,
    }


def _size(path: str) -> int:
    return sum(
        Path(path + suffix).stat().st_size
        for suffix in ("", "-wal")
        if Path(path + suffix).exists()
    )

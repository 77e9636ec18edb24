"""Deleting a whole workflow deletes table by table without SQLite's per-row cascade
(`Database.bulk_delete`, `storage.workflows.delete`); these check what that relies on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from torc_server.storage import bulk_delete, workflows
from torc_server.storage.database import Database


def test_every_table_pointing_into_a_workflow_names_its_workflow(tmp_path: Path) -> None:
    """A table with a foreign key to a workflow's rows has a `workflow_id` of its own, so that
    `workflows.delete` finds its rows (a new table without one would be left behind)."""
    db = Database(tmp_path / "torc.db")
    owned = set(bulk_delete.owned_tables(db.conn))
    assert {"job", "result", "event", "job_depends_on", "exchange_answer"} <= owned
    for (table,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        parents = {row[2] for row in db.conn.execute(f"PRAGMA foreign_key_list('{table}')")}
        if parents & (owned | {"workflow"}) and table != "workflow_status":
            assert table in owned, f"{table} points into a workflow but has no workflow_id"
    db.close()


def test_bulk_delete_turns_enforcement_off_only_inside(tmp_path: Path) -> None:
    db = Database(tmp_path / "torc.db")
    enforced = "PRAGMA foreign_keys"
    assert db.conn.execute(enforced).fetchone()[0] == 1
    with db.bulk_delete() as conn:
        assert conn.execute(enforced).fetchone()[0] == 0
    assert db.conn.execute(enforced).fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:  # enforced again
        conn.execute("INSERT INTO job_depends_on VALUES (1, 2, 99)")
    with pytest.raises(RuntimeError), db.transaction(), db.bulk_delete():
        pass  # not inside a transaction: SQLite would ignore the setting there
    assert db.conn.execute(enforced).fetchone()[0] == 1
    db.close()


def test_a_failed_bulk_delete_changes_nothing(tmp_path: Path) -> None:
    db = Database(tmp_path / "torc.db")
    with db.transaction() as conn:
        workflow_id = workflows.create(conn, {"name": "w", "user": "u"})["id"]
    with pytest.raises(ZeroDivisionError), db.bulk_delete() as conn:
        workflows.delete(conn, workflow_id)
        1 / 0  # noqa: B018
    assert workflows.get(db.conn, workflow_id)["name"] == "w"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_what_goes_with_a_workflows_jobs(tmp_path: Path) -> None:
    db = Database(tmp_path / "torc.db")
    assert sorted(bulk_delete.cascade(db.conn, "job") or []) == [
        "job_depends_on",
        "job_input_file",
        "job_input_user_data",
        "job_output_file",
        "job_output_user_data",
        "result",
    ]
    # a job's failure handler is set to NULL, not deleted: the ordinary delete decides
    assert bulk_delete.cascade(db.conn, "failure_handler") is None
    db.close()

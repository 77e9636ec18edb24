"""Schema versioning: a newer server migrates an older database in place, all or nothing."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from torc_server.storage import schema
from torc_server.storage.database import Database


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_new_database_is_at_current_version(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.db")
    db.close()
    assert user_version(tmp_path / "t.db") == schema.SCHEMA_VERSION
    assert db.previous_version == 0


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    Database(tmp_path / "t.db").close()
    again = Database(tmp_path / "t.db")
    assert again.previous_version == schema.SCHEMA_VERSION
    again.close()


def test_older_database_is_migrated_and_keeps_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.db"
    db = Database(path)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO workflow (name, user, timestamp) VALUES ('kept', 'me', '2024-01-01T00:00:00.000Z')"
        )
    db.close()
    # A later release appends a migration.
    later = "ALTER TABLE workflow ADD COLUMN color TEXT NOT NULL DEFAULT 'blue';"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, later])
    upgraded = Database(path)
    assert upgraded.previous_version == len(schema.MIGRATIONS) - 1
    row = upgraded.conn.execute("SELECT name, color FROM workflow").fetchone()
    assert tuple(row) == ("kept", "blue")
    upgraded.close()
    assert user_version(path) == len(schema.MIGRATIONS)


def test_failed_migration_leaves_database_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.db"
    Database(path).close()
    broken = "ALTER TABLE workflow ADD COLUMN first TEXT;\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        Database(path)
    assert user_version(path) == len(schema.MIGRATIONS) - 1
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(workflow)")}
    assert "first" not in columns


def test_database_from_a_newer_server_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    with pytest.raises(schema.SchemaTooNewError, match="upgrade torc-server"):
        Database(path)


def test_file_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.db")
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_deleting_a_workflow_cascades_to_everything_it_owns(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.db")
    owned = {
        row[0]
        for row in db.conn.execute(
            "SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
            "WHERE m.type = 'table' AND f.\"table\" = 'workflow' AND f.on_delete = 'CASCADE'"
        )
    }
    with_workflow_id = {
        row[0]
        for row in db.conn.execute(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
            "WHERE m.type = 'table' AND c.name = 'workflow_id'"
        )
    }
    assert with_workflow_id <= owned
    db.close()


@contextlib.contextmanager
def _older_database(path: Path, version: int) -> Iterator[sqlite3.Connection]:
    """A database as a server of schema `version` left it, with workflow 1 and its resource
    requirements 1; committed when the block ends."""
    with sqlite3.connect(path) as conn:
        for migration in schema.MIGRATIONS[:version]:
            for statement in schema._statements(migration):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(
            "INSERT INTO workflow (id, name, user, timestamp) "
            "VALUES (1, 'w', 'me', '2024-01-01T00:00:00.000Z')"
        )
        conn.execute(
            "INSERT INTO resource_requirements (id, workflow_id, name, memory_bytes, runtime_s) "
            "VALUES (1, 1, 'd', 1048576, 60)"
        )
        yield conn


def test_blocked_jobs_of_an_older_database_get_their_dependency_counts(tmp_path: Path) -> None:
    """Version 2 counts the unfinished dependencies of jobs that were blocked under version 1."""
    path = tmp_path / "t.db"
    with _older_database(path, 1) as conn:
        codes = schema.JOB_STATUS_CODES
        for job_id, status in ((1, "completed"), (2, "running"), (3, "ready"), (4, "blocked")):
            conn.execute(
                "INSERT INTO job (id, workflow_id, name, command, status, resource_requirements_id)"
                " VALUES (?, 1, ?, 'true', ?, 1)",
                (job_id, f"j{job_id}", codes[status]),
            )
        conn.executemany(
            "INSERT INTO job_depends_on (job_id, depends_on_job_id, workflow_id) VALUES (4, ?, 1)",
            [(1,), (2,), (3,)],
        )
    db = Database(path)
    (count,) = db.conn.execute("SELECT unfinished_deps FROM job WHERE id = 4").fetchone()
    db.close()
    assert count == 2


def test_every_foreign_key_names_a_key_of_an_existing_table(tmp_path: Path) -> None:
    """SQLite accepts a foreign key to a missing table or to a column that is not a key, and
    fails only when a row is written ("foreign key mismatch"); sqlite-utils' view of the
    migrated schema catches it at once."""
    import sqlite_utils

    Database(tmp_path / "t.db").close()
    db = sqlite_utils.Database(tmp_path / "t.db")
    for table in db.tables:
        for fk in table.foreign_keys:
            where = f"{table.name}.{fk.column} -> {fk.other_table}.{fk.other_column}"
            assert db[fk.other_table].exists(), where
            other = db.table(fk.other_table)
            unique = {tuple(i.columns) for i in other.indexes if i.unique}
            assert [fk.other_column] == other.pks or (fk.other_column,) in unique, where
    db.close()


def test_every_workflow_table_is_indexed_by_workflow(tmp_path: Path) -> None:
    """Listing a workflow's records, and deleting a workflow, find its rows through an index."""
    import sqlite_utils

    Database(tmp_path / "t.db").close()
    db = sqlite_utils.Database(tmp_path / "t.db")
    for table in db.tables:
        if "workflow_id" not in table.columns_dict:
            continue
        leading = {i.columns[0] for i in table.indexes} | set(table.pks[:1])
        assert "workflow_id" in leading, f"{table.name} has no index led by workflow_id"
    db.close()


def test_current_results_of_an_older_database_move_to_their_jobs(tmp_path: Path) -> None:
    """Version 6 keeps each job's current result (a row of `workflow_result` before) on the job:
    a job re-run keeps its latest result as current, a reset job and a job never run have none."""
    path = tmp_path / "t.db"
    with _older_database(path, 5) as conn:
        for job_id in (1, 2, 3):
            conn.execute(
                "INSERT INTO job (id, workflow_id, name, command, resource_requirements_id)"
                " VALUES (?, 1, ?, 'true', 1)",
                (job_id, f"j{job_id}"),
            )
        # job 1 ran in runs 1 and 2 (the second result is current); job 2's run was reset
        for result_id, job_id, run_id in ((1, 1, 1), (2, 2, 1), (3, 1, 2)):
            conn.execute(
                "INSERT INTO result (id, workflow_id, job_id, run_id, compute_node_id, "
                "return_code, exec_time_minutes, completion_time, status) "
                "VALUES (?, 1, ?, ?, 1, 0, 0.5, '2024-01-01T00:00:00.000Z', 5)",
                (result_id, job_id, run_id),
            )
        conn.execute(
            "INSERT INTO workflow_result (workflow_id, job_id, result_id) VALUES (1, 1, 3)"
        )
    db = Database(path)
    current = dict(db.conn.execute("SELECT id, current_result_id FROM job").fetchall())
    tables = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert current == {1: 3, 2: None, 3: None}
    assert "workflow_result" not in tables

"""`Database.transaction()` and `Engine.change()`: all or nothing, nested uses joining the outer
one, and a commit that fails leaves no transaction open behind it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from torc_server.engine import Engine
from torc_server.storage.database import Database

ADD_WORKFLOW = "INSERT INTO workflow (name, user, timestamp) VALUES (?, 'u', 't')"


def names(db: Database) -> list[str]:
    return [row[0] for row in db.conn.execute("SELECT name FROM workflow ORDER BY id")]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(tmp_path / "t.db")


def test_a_nested_transaction_commits_with_the_outer_one(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute(ADD_WORKFLOW, ("a",))
        with db.transaction() as inner:
            inner.execute(ADD_WORKFLOW, ("b",))
        assert conn.in_transaction  # the inner one left it open
    assert not db.conn.in_transaction
    assert names(db) == ["a", "b"]


def test_an_error_rolls_back_the_outer_transaction_too(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute(ADD_WORKFLOW, ("a",))
        with db.transaction() as inner:
            inner.execute(ADD_WORKFLOW, ("b",))
            raise RuntimeError("refused")
    assert not db.conn.in_transaction
    assert names(db) == []


def test_a_commit_that_fails_is_rolled_back(db: Database) -> None:
    """A deferred foreign key fails at COMMIT: the change is undone and the next transaction
    starts (before, the failed one stayed open and the next BEGIN failed)."""
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute(ADD_WORKFLOW, ("a",))
        conn.execute(
            "INSERT INTO job (workflow_id, name, command, resource_requirements_id) "
            "VALUES (1, 'j', 'true', 999)"
        )
    assert not db.conn.in_transaction
    with db.transaction() as conn:
        conn.execute(ADD_WORKFLOW, ("b",))
    assert names(db) == ["b"]


def test_a_change_publishes_its_events_only_when_it_commits(db: Database) -> None:
    engine = Engine(db)
    published: list[str] = []
    engine.events.publish = lambda: published.append("published")  # type: ignore[method-assign]
    engine.events.discard = lambda: published.append("discarded")  # type: ignore[method-assign]
    with engine.change() as conn:
        conn.execute(ADD_WORKFLOW, ("a",))
    with pytest.raises(sqlite3.IntegrityError), engine.change() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute(
            "INSERT INTO job (workflow_id, name, command, resource_requirements_id) "
            "VALUES (1, 'j', 'true', 999)"
        )
    with pytest.raises(RuntimeError), engine.change():
        raise RuntimeError("refused")
    assert published == ["published", "discarded", "discarded"]
    assert names(db) == ["a"]

"""Deleting many rows of one workflow at once, without SQLite's per-row cascade.

With foreign keys enforced, SQLite looks for child rows in every referencing table for each row it
deletes; a reference without an index of its own would cost a scan per row. A workflow's rows all
carry its `workflow_id`, so a whole set goes table by table instead, in one transaction with
enforcement off (`Database.bulk_delete`), when every reference to the table cascades: what the
cascade would have deleted is deleted by name.
"""

from __future__ import annotations

import sqlite3


def owned_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables whose rows belong to one workflow: those with a `workflow_id` column. (Every
    table with a foreign key into a workflow's rows has one: tests/server/test_workflow_delete.py
    checks the schema.)"""
    return [
        name
        for (name,) in conn.execute(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
            "(SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'workflow_id') "
            "ORDER BY m.name"
        )
    ]


def cascade(conn: sqlite3.Connection, table: str) -> list[str] | None:
    """The tables whose rows go with `table`'s (ON DELETE CASCADE, transitively), or None when
    some reference does anything else (SET NULL, RESTRICT: the ordinary delete decides) or a
    referencing table has no `workflow_id`."""
    owned = set(owned_tables(conn))
    found: list[str] = []
    pending = [table]
    while pending:
        parent = pending.pop()
        for (child,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for reference in conn.execute(f"PRAGMA foreign_key_list('{child}')"):
                if reference[2] != parent:
                    continue
                if reference[6] != "CASCADE" or child not in owned:
                    return None
                if child not in found and child != table:
                    found.append(child)
                    pending.append(child)
    return found


def delete_of_workflow(
    conn: sqlite3.Connection, table: str, dependents: list[str], workflow_id: int
) -> int:
    """Delete the workflow's rows of `table` and of its `dependents` (see `cascade`); how many
    rows of `table` went."""
    for dependent in dependents:
        conn.execute(f"DELETE FROM {dependent} WHERE workflow_id = ?", (workflow_id,))
    return conn.execute(f"DELETE FROM {table} WHERE workflow_id = ?", (workflow_id,)).rowcount

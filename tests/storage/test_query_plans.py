"""Every list filter and dependency lookup is served by an index, not a full table scan."""

from __future__ import annotations

import pytest

from torc_server.engine import group_claim, lifecycle
from torc_server.storage import records, tables
from torc_server.storage.database import Database
from torc_server.storage.records import Table
from torc_server.storage.schema import JOB_STATUS_CODES

LISTED = [*tables.WORKFLOW_COLLECTIONS, tables.WORKFLOW]


def plan(db: Database, sql: str, params: tuple[object, ...]) -> str:
    rows = db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "\n".join(row[3] for row in rows)


def full_scans(text: str) -> list[str]:
    """Plan lines that read a whole table (a SCAN without an index)."""
    return [
        line
        for line in text.splitlines()
        if line.strip().startswith("SCAN") and "USING" not in line and "CONSTANT" not in line
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    database = Database(tmp_path_factory.mktemp("plans") / "t.db")
    database.conn.execute("ANALYZE")
    return database


@pytest.mark.parametrize(
    ("table", "name"),
    [(table, name) for table in LISTED for name in table.filters],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_list_filter_uses_an_index(db: Database, table: Table, name: str) -> None:
    scope = "" if table is tables.WORKFLOW else "t.workflow_id = ? AND "
    params: tuple[object, ...] = (1, 1) if scope else (1,)
    sql = f"SELECT t.id FROM {table.name} t WHERE {scope}{table.filters[name]} ORDER BY t.id"
    assert full_scans(plan(db, sql, params)) == []


@pytest.mark.parametrize("table", tables.WORKFLOW_COLLECTIONS, ids=lambda t: t.name)
def test_listing_a_workflow_uses_an_index(db: Database, table: Table) -> None:
    sql = f"SELECT COUNT(*) FROM {table.name} t WHERE t.workflow_id = ?"
    assert full_scans(plan(db, sql, (1,))) == []


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT job_id FROM job_depends_on WHERE depends_on_job_id = ?",
        "SELECT depends_on_job_id FROM job_depends_on WHERE job_id = ?",
        "SELECT job_id FROM job_input_file WHERE file_id = ?",
        "SELECT job_id FROM job_output_file WHERE file_id = ?",
        "SELECT job_id FROM job_input_user_data WHERE user_data_id = ?",
        "SELECT job_id FROM job_output_user_data WHERE user_data_id = ?",
        "SELECT id FROM job WHERE workflow_id = ? AND status = ?",
        "SELECT id FROM job WHERE active_compute_node_id = ?",
    ],
)
def test_dependency_lookups_use_an_index(db: Database, sql: str) -> None:
    params = tuple(1 for _ in range(sql.count("?")))
    assert full_scans(plan(db, sql, params)) == []


@pytest.mark.parametrize("table", tables.WORKFLOW_COLLECTIONS, ids=lambda t: t.name)
def test_a_page_in_id_order_needs_no_sort(db: Database, table: Table) -> None:
    """Paging through a workflow's records reads them in index order, without sorting all."""
    sql = (
        f"SELECT {table.select_columns()} FROM {table.name} t WHERE t.workflow_id = ? "
        f"ORDER BY {records.order_clause(table, None, False)} LIMIT 1000 OFFSET 5000"
    )
    text = plan(db, sql, (1,))
    assert "TEMP B-TREE" not in text
    assert full_scans(text) == []


@pytest.mark.parametrize("scheduler", ["", " AND (j.scheduler_id IS NULL OR j.scheduler_id = ?)"])
def test_a_claim_reads_a_requirements_ready_jobs_from_the_claim_index(
    db: Database, scheduler: str
) -> None:
    """The first ready jobs of one resource requirement come from the index of ready jobs, in
    id order: no scan of the workflow's other jobs, no sort."""
    sql = group_claim.ready_jobs_sql(scheduler)
    text = plan(db, sql, tuple(1 for _ in range(sql.count("?"))))
    assert "idx_job_claim" in text
    assert "TEMP B-TREE" not in text
    assert full_scans(text) == []


@pytest.mark.parametrize("scheduler", ["", " AND (j.scheduler_id IS NULL OR j.scheduler_id = ?)"])
def test_a_claim_over_many_requirements_reads_only_their_ready_jobs(
    db: Database, scheduler: str
) -> None:
    """The ready jobs of the fitting requirements come from the claim index, not from a read of
    every ready job of the workflow (what the planner chose when left to itself)."""
    sql = lifecycle.ready_jobs_of_many_sql(scheduler, "gpus_runtime_memory")
    text = plan(db, sql, tuple(1 for _ in range(sql.count("?"))))
    assert "idx_job_claim (workflow_id=? AND resource_requirements_id=?)" in text
    assert [line for line in full_scans(text) if "json_each" not in line] == []


def test_the_claim_index_holds_ready_jobs_only(db: Database) -> None:
    """A job's entry leaves the claim index when it stops being ready (a partial index), so a
    claim or a completion does not move entries within it."""
    (sql,) = db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'idx_job_claim'"
    ).fetchone()
    assert sql.endswith(f"WHERE status = {JOB_STATUS_CODES['ready']}")


def test_events_after_a_time_and_the_latest_time_read_the_timestamp_index(db: Database) -> None:
    """An events poll (`after_timestamp`) and the latest event's time read a range of the
    (workflow_id, timestamp) index, also in the order a page asks for."""
    order = records.order_clause(tables.EVENT, None, False)
    for sql in (
        "SELECT MAX(timestamp) FROM event WHERE workflow_id = ?",
        f"SELECT t.id FROM event t WHERE t.workflow_id = ? AND t.timestamp > ? ORDER BY {order}",
    ):
        text = plan(db, sql, (1, 1)[: sql.count("?")])
        assert "idx_event_workflow_timestamp" in text and "TEMP B-TREE" not in text
        assert full_scans(text) == []

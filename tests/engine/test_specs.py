"""Creating a workflow from an expanded specification (engine/specs.py): every job field and
reference lands, ids follow the spec's order across insert chunks, and each kind of mistake is
refused with nothing left behind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from torc_server.engine import Engine, specs
from torc_server.errors import StateConflict


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two jobs a chunk, so that every spec here crosses chunk boundaries."""
    monkeypatch.setattr(specs, "CHUNK", 2)


def spec(jobs: list[dict[str, Any]], **sections: Any) -> dict[str, Any]:
    return {
        "name": "wf",
        "user": "me",
        "resource_requirements": [
            {"name": "big", "num_cpus": 8, "memory": "8g", "runtime": "PT1H"},
        ],
        "slurm_schedulers": [
            {"name": "short", "account": "acct", "walltime": "01:00:00"},
        ],
        "failure_handlers": [{"name": "retry", "rules": []}],
        "files": [{"name": "raw", "path": "raw.csv"}, {"name": "out", "path": "out.csv"}],
        "user_data": [{"name": "knob", "data": {"v": 1}}, {"name": "result"}],
        "jobs": jobs,
        **sections,
    }


def create(engine: Engine, body: dict[str, Any], *, lazily: bool = False) -> dict[str, Any]:
    with engine.change() as conn:
        if not lazily:
            return specs.create(conn, body)

        def one_at_a_time() -> Iterator[dict[str, Any]]:
            yield from body["jobs"]

        return specs.create(conn, {k: v for k, v in body.items() if k != "jobs"}, one_at_a_time())


def rows(engine: Engine, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in engine.db.conn.execute(sql, params).fetchall()]


JOBS = [
    {"name": "consume", "command": "c", "depends_on": ["produce", "produce"]},  # forward, twice
    {
        "name": "produce",
        "command": "p",
        "invocation_script": "bash",
        "resource_requirements": "big",
        "scheduler": "short",
        "failure_handler": "retry",
        "cancel_on_blocking_job_failure": False,
        "supports_termination": True,
        "input_files": ["raw"],
        "output_files": ["out"],
        "input_user_data": ["knob"],
        "output_user_data": ["result"],
    },
    {"name": "plain", "command": "echo 'it''s' \"quoted\" \\ naïve"},
    {"name": "nulls", "command": "n", "scheduler": None, "cancel_on_blocking_job_failure": None},
    {"name": "last", "command": "l", "depends_on": ["consume", "plain"]},
]


@pytest.mark.parametrize("lazily", [False, True], ids=["list", "iterator"])
def test_every_field_and_reference_lands_in_spec_order(engine: Engine, lazily: bool) -> None:
    created = create(engine, spec(JOBS), lazily=lazily)
    wf = created["workflow"]["id"]
    ids = created["job_ids"]
    assert len(ids) == 5 and list(ids) == sorted(ids)
    by_name = dict(zip([job["name"] for job in JOBS], ids, strict=True))
    stored = rows(
        engine,
        "SELECT j.name, j.command, j.invocation_script, j.cancel_on_blocking_job_failure, "
        "j.supports_termination, r.name, s.name, h.name, j.status FROM job j "
        "JOIN resource_requirements r ON r.id = j.resource_requirements_id "
        "LEFT JOIN slurm_scheduler s ON s.id = j.scheduler_id "
        "LEFT JOIN failure_handler h ON h.id = j.failure_handler_id "
        "WHERE j.workflow_id = ? ORDER BY j.id",
        wf,
    )
    assert stored == [
        ("consume", "c", None, 1, 0, "default", None, None, 0),
        ("produce", "p", "bash", 0, 1, "big", "short", "retry", 0),
        ("plain", JOBS[2]["command"], None, 1, 0, "default", None, None, 0),
        ("nulls", "n", None, 1, 0, "default", None, None, 0),
        ("last", "l", None, 1, 0, "default", None, None, 0),
    ]
    assert rows(
        engine,
        "SELECT job_id, depends_on_job_id FROM job_depends_on WHERE workflow_id = ? "
        "ORDER BY job_id, depends_on_job_id",
        wf,
    ) == sorted(
        [
            (by_name["consume"], by_name["produce"]),
            (by_name["last"], by_name["consume"]),
            (by_name["last"], by_name["plain"]),
        ]
    )
    file_ids = dict(zip(["raw", "out"], created["file_ids"], strict=True))
    data_ids = dict(zip(["knob", "result"], created["user_data_ids"], strict=True))
    for table, column, expected in (
        ("job_input_file", "file_id", file_ids["raw"]),
        ("job_output_file", "file_id", file_ids["out"]),
        ("job_input_user_data", "user_data_id", data_ids["knob"]),
        ("job_output_user_data", "user_data_id", data_ids["result"]),
    ):
        assert rows(engine, f"SELECT job_id, {column} FROM {table} WHERE workflow_id = ?", wf) == [
            (by_name["produce"], expected)
        ]
    # nothing is left in the temporary table for the next creation
    assert rows(engine, "SELECT COUNT(*) FROM temp.spec_reference") == [(0,)]


def test_two_workflows_keep_their_own_names(engine: Engine) -> None:
    first = create(engine, spec(JOBS))
    second = create(engine, spec(JOBS))
    assert set(first["job_ids"]).isdisjoint(second["job_ids"])
    (wf,) = [second["workflow"]["id"]]
    assert rows(
        engine,
        "SELECT COUNT(*) FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id "
        "WHERE d.workflow_id = ? AND u.workflow_id != ?",
        wf,
        wf,
    ) == [(0,)]


def test_an_action_names_its_jobs(engine: Engine) -> None:
    action = {
        "trigger_type": "on_jobs_complete",
        "action_type": "run_commands",
        "jobs": ["plain", "last"],
        "action_config": {"commands": ["echo done"]},
    }
    created = create(engine, spec(JOBS, actions=[action]))
    (stored,) = rows(
        engine,
        "SELECT job_ids, required_triggers FROM workflow_action WHERE id = ?",
        created["action_ids"][0],
    )
    assert stored == (f"[{created['job_ids'][2]},{created['job_ids'][4]}]", 2)


MISTAKES = {
    "duplicate job name": (
        [*JOBS, {"name": "plain", "command": "again"}],
        "jobs: the name 'plain' is used more than once",
    ),
    "undefined dependency": (
        [*JOBS, {"name": "x", "command": "x", "depends_on": ["nope"]}],
        "job 'x' depends_on job 'nope', which is not defined",
    ),
    "undefined file": (
        [*JOBS, {"name": "x", "command": "x", "input_files": ["nofile"]}],
        "job 'x' (input_files) refers to files 'nofile', which is not defined",
    ),
    "undefined user data": (
        [*JOBS, {"name": "x", "command": "x", "output_user_data": ["nodata"]}],
        "job 'x' (output_user_data) refers to user_data 'nodata', which is not defined",
    ),
    "undefined requirements": (
        [*JOBS, {"name": "x", "command": "x", "resource_requirements": "huge"}],
        "job 'x' refers to resource_requirements 'huge', which is not defined",
    ),
    "undefined scheduler": (
        [*JOBS, {"name": "x", "command": "x", "scheduler": "long"}],
        "job 'x' refers to slurm_schedulers 'long', which is not defined",
    ),
    "undefined failure handler": (
        [*JOBS, {"name": "x", "command": "x", "failure_handler": "give_up"}],
        "job 'x' refers to failure_handlers 'give_up', which is not defined",
    ),
    "cycle": (
        [
            *JOBS,
            {"name": "a", "command": "a", "depends_on": ["b"]},
            {"name": "b", "command": "b", "depends_on": ["a"]},
        ],
        "the job dependencies form a cycle: ",
    ),
    "job waiting for itself": (
        [*JOBS, {"name": "me", "command": "m", "depends_on": ["me"]}],
        "the job dependencies form a cycle: me -> me",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_is_refused_and_nothing_is_left(engine: Engine, mistake: str) -> None:
    jobs, message = MISTAKES[mistake]
    with pytest.raises(StateConflict) as refused:
        create(engine, spec(jobs))
    assert message in str(refused.value)
    if mistake == "cycle":
        assert {"a", "b"} <= set(str(refused.value).split(": ", 1)[1].split(" -> "))
    for table in ("workflow", "job", "job_depends_on", "file", "job_input_file"):
        assert rows(engine, f"SELECT COUNT(*) FROM {table}") == [(0,)]
    create(engine, spec(JOBS))  # the connection is usable afterwards


def test_an_action_naming_an_undefined_job_is_refused(engine: Engine) -> None:
    action = {"trigger_type": "on_jobs_ready", "action_type": "run_commands", "jobs": ["ghost"]}
    with pytest.raises(StateConflict, match="'ghost', which is not defined"):
        create(engine, spec(JOBS, actions=[{**action, "action_config": {"commands": ["x"]}}]))


def test_no_jobs(engine: Engine) -> None:
    created = create(engine, spec([]))
    assert list(created["job_ids"]) == []


@pytest.mark.parametrize("first", [True, False], ids=["first creation", "later creation"])
def test_creating_while_a_read_is_open_on_the_connection(engine: Engine, first: bool) -> None:
    if not first:
        create(engine, spec(JOBS))
    open_read = engine.db.conn.execute("SELECT name FROM sqlite_master")
    open_read.fetchone()  # more rows to come: the statement stays open
    created = create(engine, spec(JOBS))
    assert len(created["job_ids"]) == len(JOBS)

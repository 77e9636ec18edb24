"""Input hashes and process_changed_job_inputs: what is hashed, what is not, the dry run, and
the rerun of changed jobs and what is below them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from torc_server.engine import Engine, inputs, lifecycle
from torc_server.errors import NotFound

from . import builders as b


def process(engine: Engine, wf: int, *, dry_run: bool = False) -> list[str]:
    with engine.change() as conn:
        return lifecycle.process_changed_job_inputs(conn, wf, dry_run=dry_run, sink=engine.events)


def sql(engine: Engine, statement: str, *params: object) -> None:
    with engine.change() as conn:
        conn.execute(statement, params)


class Setup:
    """A job `j` with one of everything, plus `up` (which j depends on) and spare records."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.wf = wf = b.workflow(engine)
        self.files = {n: b.file(engine, wf, n) for n in ("in", "out", "spare")}
        self.ud = {
            "in": b.user_data(engine, wf, "in", {"alpha": 1, "beta": 2}),
            "out": b.user_data(engine, wf, "out", None),
            "spare": b.user_data(engine, wf, "spare", {"s": 0}),
        }
        self.jobs = b.add_jobs(
            engine,
            wf,
            {
                "up": {},
                "spare_job": {},
                "j": {
                    "after": ["up"],
                    "invocation_script": "bash",
                    "input_file_ids": [self.files["in"]],
                    "output_file_ids": [self.files["out"]],
                    "input_user_data_ids": [self.ud["in"]],
                    "output_user_data_ids": [self.ud["out"]],
                },
            },
        )
        b.initialize(engine, wf)

    @property
    def j(self) -> int:
        return self.jobs["j"]


CHANGES: dict[str, Callable[[Engine, Setup], None]] = {
    "command": lambda e, s: sql(e, "UPDATE job SET command = 'other' WHERE id = ?", s.j),
    "invocation_script": lambda e, s: sql(
        e, "UPDATE job SET invocation_script = 'zsh' WHERE id = ?", s.j
    ),
    "dependency": lambda e, s: sql(
        e,
        "INSERT INTO job_depends_on (job_id, depends_on_job_id, workflow_id) VALUES (?, ?, ?)",
        s.j,
        s.jobs["spare_job"],
        s.wf,
    ),
    "input_file": lambda e, s: sql(
        e,
        "INSERT INTO job_input_file (job_id, file_id, workflow_id) VALUES (?, ?, ?)",
        s.j,
        s.files["spare"],
        s.wf,
    ),
    "output_file": lambda e, s: sql(e, "DELETE FROM job_output_file WHERE job_id = ?", s.j),
    "input_user_data": lambda e, s: sql(
        e,
        "INSERT INTO job_input_user_data (job_id, user_data_id, workflow_id) VALUES (?, ?, ?)",
        s.j,
        s.ud["spare"],
        s.wf,
    ),
    "output_user_data": lambda e, s: sql(
        e, "DELETE FROM job_output_user_data WHERE job_id = ?", s.j
    ),
    "input_user_data_contents": lambda e, s: b.set_user_data(
        e, s.ud["in"], {"alpha": 2, "beta": 2}
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_input_is_part_of_the_hash(engine: Engine, change: str) -> None:
    setup = Setup(engine)
    assert process(engine, setup.wf, dry_run=True) == []
    CHANGES[change](engine, setup)
    assert process(engine, setup.wf, dry_run=True) == ["j"]


NOT_HASHED: dict[str, Callable[[Engine, Setup], None]] = {
    "file_mtime": lambda e, s: sql(
        e, "UPDATE file SET st_mtime = 12345.0 WHERE id = ?", s.files["in"]
    ),
    "output_user_data_contents": lambda e, s: b.set_user_data(e, s.ud["out"], {"made": True}),
    "unrelated_user_data": lambda e, s: b.set_user_data(e, s.ud["spare"], {"s": 1}),
    "job_name": lambda e, s: sql(e, "UPDATE job SET name = 'renamed' WHERE id = ?", s.j),
    "resources": lambda e, s: sql(
        e,
        "UPDATE resource_requirements SET num_cpus = 64 WHERE id = "
        "(SELECT resource_requirements_id FROM job WHERE id = ?)",
        s.j,
    ),
}


@pytest.mark.parametrize("change", list(NOT_HASHED))
def test_other_changes_do_not_count(engine: Engine, change: str) -> None:
    setup = Setup(engine)
    NOT_HASHED[change](engine, setup)
    assert process(engine, setup.wf, dry_run=True) == []


def test_the_hash_is_stable_and_canonical(engine: Engine) -> None:
    setup = Setup(engine)
    first = inputs.compute(engine.db.conn, setup.wf)
    assert inputs.compute(engine.db.conn, setup.wf) == first
    # Same contents written with another key order: same hash.
    b.set_user_data(engine, setup.ud["in"], {"beta": 2, "alpha": 1})
    assert inputs.compute(engine.db.conn, setup.wf) == first


def test_a_dry_run_changes_nothing(engine: Engine) -> None:
    setup = Setup(engine)
    b.set_user_data(engine, setup.ud["in"], {"alpha": 99})
    before = b.snapshot(engine, setup.wf)
    assert process(engine, setup.wf, dry_run=True) == ["j"]
    assert b.snapshot(engine, setup.wf) == before


def test_changed_jobs_and_what_is_below_them_run_again(engine: Engine) -> None:
    wf = b.workflow(engine)
    knob = b.user_data(engine, wf, "knob", {"v": 1})
    ids = b.add_jobs(
        engine,
        wf,
        {
            "a": {},
            "b": {"after": ["a"], "input_user_data_ids": [knob]},
            "c": {"after": ["b"]},
            "d": {"after": ["a"]},
        },
    )
    b.initialize(engine, wf)
    node = b.compute_node(engine, wf)
    b.drain(engine, wf, node)
    b.set_user_data(engine, knob, {"v": 2})

    assert process(engine, wf) == ["b"]
    assert b.statuses(engine, wf) == {
        "a": "completed",
        "b": "uninitialized",
        "c": "completed",
        "d": "completed",
    }
    (event,) = [e for e in b.events(engine, wf) if e["type"] == "job_inputs_changed"]
    assert event["job_ids"] == [ids["b"]]
    b.initialize(engine, wf, only_uninitialized=True)
    assert b.statuses(engine, wf) == {
        "a": "completed",
        "b": "ready",
        "c": "blocked",
        "d": "completed",
    }
    assert b.drain(engine, wf, node) == [ids["b"], ids["c"]]
    # The new hash was recorded by the initialization: nothing is left to rerun.
    assert process(engine, wf, dry_run=True) == []


def test_jobs_that_were_never_initialized_have_nothing_to_compare(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    sql(engine, "UPDATE job SET command = 'changed' WHERE id = ?", flow["a"])
    assert process(engine, flow.wf) == []
    assert b.status(engine, flow["a"]) == "uninitialized"


def test_disabled_jobs_stay_disabled(engine: Engine) -> None:
    flow = b.chain(engine, "a")
    b.initialize(engine, flow.wf)
    b.set_job_fields(engine, [flow["a"]], status=9, command="changed")
    process(engine, flow.wf)
    assert b.status(engine, flow["a"]) == "disabled"


def test_missing_workflow_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="5150"):
        process(engine, 5150)


def _reference_hash(fields: dict[str, object]) -> str:
    """The hash as earlier versions computed and stored it (they must still match)."""
    import hashlib
    import json

    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.parametrize(
    "command",
    ["true", 'echo "quoted" \\ back/slash', "tab\there", "naïve ünïcode", "del\x7f", "a\nb"],
)
def test_the_hash_is_the_one_stored_by_earlier_versions(engine: Engine, command: str) -> None:
    setup = Setup(engine)
    sql(engine, "UPDATE job SET command = ? WHERE id = ?", command, setup.jobs["up"])
    hashes = inputs.compute(engine.db.conn, setup.wf)
    empty = {
        "depends_on_job_ids": [],
        "input_file_ids": [],
        "output_file_ids": [],
        "input_user_data_ids": [],
        "output_user_data_ids": [],
        "input_user_data": [],
    }
    assert hashes[setup.jobs["up"]] == _reference_hash(
        {"command": command, "invocation_script": None, **empty}
    )
    b.initialize(engine, setup.wf)  # stores them (most through a SQL function), as 32 bytes
    stored = dict(
        engine.db.conn.execute(
            "SELECT id, input_hash FROM job WHERE workflow_id = ?", (setup.wf,)
        ).fetchall()
    )
    assert stored == {job_id: bytes.fromhex(h) for job_id, h in hashes.items()}
    assert process(engine, setup.wf, dry_run=True) == []
    assert hashes[setup.j] == _reference_hash(
        {
            "command": "run j",
            "invocation_script": "bash",
            "depends_on_job_ids": [setup.jobs["up"]],
            "input_file_ids": [setup.files["in"]],
            "output_file_ids": [setup.files["out"]],
            "input_user_data_ids": [setup.ud["in"]],
            "output_user_data_ids": [setup.ud["out"]],
            "input_user_data": [{"id": setup.ud["in"], "data": {"alpha": 1, "beta": 2}}],
        }
    )


def test_a_hash_stored_as_hex_by_an_earlier_version_still_matches(engine: Engine) -> None:
    setup = Setup(engine)
    sql(
        engine, "UPDATE job SET input_hash = lower(hex(input_hash)) WHERE workflow_id = ?", setup.wf
    )
    assert process(engine, setup.wf, dry_run=True) == []
    sql(engine, "UPDATE job SET command = 'other' WHERE id = ?", setup.j)
    assert process(engine, setup.wf, dry_run=True) == ["j"]


def test_hashes_are_computed_a_chunk_at_a_time(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jobs and their relationships meet across chunk boundaries."""
    setup = Setup(engine)
    whole = inputs.compute(engine.db.conn, setup.wf)
    assert len(whole) == 3
    for size in (1, 2):
        monkeypatch.setattr(inputs, "CHUNK", size)
        assert inputs.compute(engine.db.conn, setup.wf) == whole
    assert process(engine, setup.wf, dry_run=True) == []
    sql(engine, "UPDATE job SET command = 'other' WHERE id = ?", setup.j)
    assert process(engine, setup.wf, dry_run=True) == ["j"]


def test_initializing_while_a_read_is_open_on_the_connection(engine: Engine) -> None:
    """The hash function is registered once per connection (registering it again fails while a
    statement is open)."""
    flow = b.chain(engine, "a", "b", "c")
    b.initialize(engine, flow.wf)
    open_read = engine.db.conn.execute("SELECT id FROM job")
    open_read.fetchone()  # more rows to come: the statement stays open
    b.initialize(engine, flow.wf)
    assert b.statuses(engine, flow.wf) == {"a": "ready", "b": "blocked", "c": "blocked"}

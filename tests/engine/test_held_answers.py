"""The answers an in-memory server holds for repeated requests: kept only once their transaction
commits, the latest few per compute node, the nodes heard from least recently forgotten first."""

from __future__ import annotations

import pytest

from torc_server.engine import Engine
from torc_server.engine.exchanges import KEEP_PER_NODE, HeldAnswers
from torc_server.errors import NotFound
from torc_server.storage.database import IN_MEMORY, Database


def _remember(answers: HeldAnswers, engine: Engine, node: int, request: str) -> None:
    answers.remember(engine.db.conn, node, request, 1, 1, request.encode(), node_exists=True)


def test_an_in_memory_engine_holds_its_answers() -> None:
    db = Database(IN_MEMORY)
    try:
        assert isinstance(Engine(db).answers, HeldAnswers)
    finally:
        db.close()


def test_an_answer_is_held_once_its_transaction_commits(engine: Engine) -> None:
    answers = HeldAnswers()
    _remember(answers, engine, 7, "r1")
    assert answers.recall(7, "r1") is None
    answers.committed()
    assert answers.recall(7, "r1") == (1, 1, b"r1")
    _remember(answers, engine, 7, "r2")
    answers.discarded()
    answers.committed()
    assert answers.recall(7, "r2") is None


def test_a_node_keeps_its_latest_answers(engine: Engine) -> None:
    answers = HeldAnswers()
    for n in range(KEEP_PER_NODE + 2):
        _remember(answers, engine, 7, f"r{n}")
    _remember(answers, engine, 8, "other")
    answers.committed()
    assert answers.recall(7, "r0") is None
    assert answers.recall(7, "r1") is None
    assert answers.recall(7, "r2") == (1, 1, b"r2")
    assert answers.recall(7, f"r{KEEP_PER_NODE + 1}") is not None
    assert answers.recall(8, "other") is not None


def test_the_nodes_heard_from_least_recently_are_forgotten_first(engine: Engine) -> None:
    answers = HeldAnswers()
    answers.NODES = 2
    for node in (1, 2):
        _remember(answers, engine, node, "a")
    answers.committed()
    _remember(answers, engine, 1, "b")  # node 1 again: now node 2 is the least recent
    _remember(answers, engine, 3, "a")
    answers.committed()
    assert answers.recall(2, "a") is None
    assert answers.recall(1, "a") is not None
    assert answers.recall(3, "a") is not None


def test_an_unknown_compute_node_is_refused(engine: Engine) -> None:
    answers = HeldAnswers()
    with pytest.raises(NotFound):
        answers.remember(engine.db.conn, 10**9, "r", 1, 1, b"{}")
    answers.committed()
    assert answers.recall(10**9, "r") is None

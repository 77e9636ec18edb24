"""How `torc -s` overlaps its own start with its server's (torc_cli.standalone, session)."""

from __future__ import annotations

import importlib

from torc_cli.session import Session
from torc_cli.standalone import WARM_UP


def test_every_module_warmed_up_exists() -> None:
    """The warm-up skips what it cannot import: a misspelt name would do nothing silently."""
    for name in WARM_UP:
        importlib.import_module(name)


def test_the_session_waits_for_its_server_when_first_needed() -> None:
    calls: list[str] = []

    def start() -> str:
        calls.append("start")
        return "http://127.0.0.1:4321/torc-service/v1"

    current = Session(url="http://localhost:8080/torc-service/v1")
    current.serve_from(start)
    assert calls == []  # nothing waits until the URL is needed
    assert current.url == "http://127.0.0.1:4321/torc-service/v1"
    assert current.url == "http://127.0.0.1:4321/torc-service/v1"
    assert calls == ["start"]  # once
    current.url = "http://elsewhere:1/torc-service/v1"
    assert current.url == "http://elsewhere:1/torc-service/v1"

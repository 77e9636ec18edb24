"""The `engine` fixture: an Engine over a fresh SQLite file, no HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from torc_server.engine import Engine
from torc_server.storage.database import Database


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    db = Database(tmp_path / "t.db")
    yield Engine(db)
    db.close()

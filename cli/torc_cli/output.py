"""Printing results: tables for people, exactly one JSON document for programs. rich, for the
tables, is imported when a table is printed (a twentieth of a second of every command's start
otherwise, on `torc -s run`'s way to its first job)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from torc_cli import session
from torc_cli.session import to_plain


def emit_json(value: Any) -> None:
    json.dump(to_plain(value), sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


def table(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], title: str | None = None
) -> None:
    """Rows as a table; the columns are the record fields to show."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(title=title, show_lines=False)
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(grid)


def record(value: Any, title: str | None = None) -> None:
    """One record: JSON, or a two-column field/value table."""
    plain = to_plain(value)
    if session.get().json:
        emit_json(plain)
        return
    from rich.console import Console
    from rich.table import Table

    grid = Table(title=title, show_header=False)
    grid.add_column("field", style="bold")
    grid.add_column("value")
    for key, item in plain.items():
        grid.add_row(key, json.dumps(item) if isinstance(item, (dict, list)) else str(item))
    Console().print(grid)


def records(
    values: Sequence[Any], columns: Sequence[str], key: str, title: str | None = None
) -> None:
    """A list of records: JSON `{key: [...]}` or a table."""
    plain = [to_plain(v) for v in values]
    if session.get().json:
        emit_json({key: plain})
        return
    table(plain, columns, title)


def message(text: str) -> None:
    """A note for people; silent in JSON mode so stdout stays one document."""
    if not session.get().json:
        print(text)

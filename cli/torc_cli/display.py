"""Showing records: chosen columns in a table for people, one JSON document for programs.

Every command prints through these helpers, so that with `-f json` stdout holds exactly one JSON
document (a record, or `{"<plural>": [...]}` for a list) and nothing else, and in table mode the
same resource always shows the same columns.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from torc_cli import output, session
from torc_cli.session import to_plain


def text(value: Any) -> str:
    """A field value as table text: nothing for null, JSON for objects and arrays."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(", ", ": "))
    return str(value)


def millis(value: Any) -> str:
    """Milliseconds since the epoch as an ISO 8601 UTC time."""
    if not isinstance(value, int | float):
        return text(value)
    stamp = datetime.fromtimestamp(value / 1000, tz=UTC)
    return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def seconds(value: Any) -> str:
    """Seconds since the epoch (a file's modification time) as an ISO 8601 UTC time."""
    if not isinstance(value, int | float):
        return text(value)
    return millis(value * 1000)


def size(value: Any) -> str:
    """A number of bytes as 73.8MB."""
    if not isinstance(value, int | float):
        return text(value)
    amount = float(value)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f}{unit}" if unit == "B" else f"{amount:.1f}{unit}"
        amount /= 1024
    return f"{amount:.1f}TB"  # pragma: no cover - the loop returns


def percent(value: Any) -> str:
    return f"{value:.1f}%" if isinstance(value, int | float) else text(value)


def decimal(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else text(value)


def brief(value: Any, width: int = 80) -> str:
    """A command or other long text on one line, cut at `width` characters."""
    line = " ".join(text(value).split())
    return line if len(line) <= width else line[: width - 1] + "…"


@dataclass(frozen=True)
class Column:
    """A table column: its heading, the record field it shows, and how to write the value."""

    label: str
    key: str
    render: Callable[[Any], str] = text

    def cell(self, row: dict[str, Any]) -> str:
        return escape(self.render(row.get(self.key)))


def console() -> Console:
    """A console on stdout. When stdout is not a terminal, lines are never wrapped or cut, so
    that a table piped into grep or a file keeps whole rows."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    return Console(width=100_000, highlight=False, no_color=True)


def show_list(
    items: Iterable[Any],
    columns: Sequence[Column],
    key: str,
    *,
    noun: str,
    title: str | None = None,
    empty: str | None = None,
    footer: str | None = None,
) -> None:
    """A list of records: `{key: [...]}` in JSON, else a title line, a table and a count
    (or `footer`), or the `empty` line when there is nothing to show."""
    rows = [to_plain(item) for item in items]
    if session.get().json:
        output.emit_json({key: rows})
        return
    if not rows:
        print(empty or f"No {noun} found.")
        return
    if title:
        print(title)
    grid = Table(box=box.ROUNDED)
    for column in columns:
        grid.add_column(column.label)
    for row in rows:
        grid.add_row(*(column.cell(row) for column in columns))
    console().print(grid)
    total = getattr(items, "total", None)  # paging.Records: how many match on the server
    if footer:
        print(footer)
    elif isinstance(total, int) and total > len(rows):
        print(f"Showing {len(rows)} of {total} {noun} (--limit/--offset)")
    else:
        print(f"Total: {len(rows)} {noun}")


def show_record(value: Any, *, title: str | None = None) -> None:
    """One record: the record itself in JSON, else a field/value table under `title`."""
    plain = to_plain(value)
    if session.get().json:
        output.emit_json(plain)
        return
    if title:
        print(title)
    if not isinstance(plain, dict):
        print(text(plain))
        return
    grid = Table(box=box.ROUNDED, show_header=False)
    grid.add_column("field", style="bold")
    grid.add_column("value")
    for name, item in plain.items():
        grid.add_row(escape(name), escape(text(item)))
    console().print(grid)


def show_result(message: str, document: Any) -> None:
    """The outcome of a change: `message` for people, `document` for programs."""
    if session.get().json:
        output.emit_json(document)
    else:
        print(message)


def warn(message: str) -> None:
    """A warning on stderr (never on stdout, whatever the format)."""
    print(f"torc: warning: {message}", file=sys.stderr)

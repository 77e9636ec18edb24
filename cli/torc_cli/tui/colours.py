"""Job status colours, as the guide lists them."""

from __future__ import annotations

from rich.text import Text

STATUS_STYLE: dict[str, str] = {
    "completed": "green",
    "running": "yellow",
    "failed": "red",
    "pending_failed": "red",
    "canceled": "magenta",
    "terminated": "magenta",
    "pending": "blue",
    "scheduled": "blue",
    "submitted": "blue",
    "ready": "cyan",
    "blocked": "bright_black",
    "uninitialized": "bright_black",
    "disabled": "bright_black",
}


def status_text(status: str | None) -> Text:
    """A status word in its colour (unknown statuses stay plain)."""
    word = str(status or "")
    return Text(word, style=STATUS_STYLE.get(word, ""))

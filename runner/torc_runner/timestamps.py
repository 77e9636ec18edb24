"""Times as the server's records hold them."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the millisecond with a Z."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def duration(seconds: float) -> str:
    """Whole seconds as an ISO 8601 duration (`PT90S`)."""
    return f"PT{max(int(seconds), 0)}S"

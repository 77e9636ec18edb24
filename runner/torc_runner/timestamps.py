"""Times as the server's records hold them."""

from __future__ import annotations

import time


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the millisecond with a Z (the date and time of the
    second formatted once per second: the runner stamps every job's completion)."""
    global _second
    now = time.time()
    second = int(now)
    cached = _second
    if cached[0] != second:
        cached = _second = (second, time.strftime("%Y-%m-%dT%H:%M:%S.", time.gmtime(second)))
    return f"{cached[1]}{int((now - second) * 1000):03d}Z"


_second: tuple[int, str] = (-1, "")


def duration(seconds: float) -> str:
    """Whole seconds as an ISO 8601 duration (`PT90S`)."""
    return f"PT{max(int(seconds), 0)}S"

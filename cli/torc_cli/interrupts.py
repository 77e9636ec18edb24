"""Signals that arrive before a command handles them itself are not lost.

Python turns SIGINT into KeyboardInterrupt (and torc turns an early SIGTERM into SystemExit) at
whatever line is running. When that line is inside a callback Python runs for itself, such as
an import lock's cleanup, the exception is printed as "ignored" and the program goes on as if
nothing happened. So every stop signal is also recorded here: the runner asks when it takes
over, and the entry point asks when the command returns.
"""

from __future__ import annotations

import signal

_received: list[int] = []


def record(signum: int) -> None:
    _received.append(signum)


def pending() -> int | None:
    """The first stop signal received and not yet acted on, if any."""
    return _received[0] if _received else None


def clear() -> None:
    _received.clear()


def on_sigint(signum: int, frame: object) -> None:
    record(signum)
    raise KeyboardInterrupt


def install() -> None:
    """Record SIGINT as well as raising KeyboardInterrupt for it."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, on_sigint)

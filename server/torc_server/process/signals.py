"""Stop signals that are never lost.

`torc-server run` records SIGTERM, SIGINT and SIGQUIT from its first moment (`catch`); once the
event loop runs, `hand_to_loop` moves them to the loop (which wakes on a signal whichever thread
receives it) and replays one that came meanwhile. The first signal asks for a clean stop; a
watchdog ends the process when the clean stop takes longer than `grace` seconds, and a second
signal ends it at once. Every acknowledged write is already committed (WAL, synchronous=NORMAL),
so an exit at any moment loses nothing a client was told was saved.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from collections.abc import Callable

log = logging.getLogger("torc_server")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)
DEFAULT_GRACE = 5.0
LONGEST_WAIT = 600.0  # for work that must finish (the last snapshot of an in-memory database)

_received: list[int] = []
_cleanups: list[Callable[[], None]] = []


def on_exit(cleanup: Callable[[], None]) -> None:
    """Run `cleanup` however the process ends (here or through `hard_exit`)."""
    _cleanups.append(cleanup)


def run_cleanups() -> None:
    while _cleanups:
        try:
            _cleanups.pop()()
        except Exception:
            log.exception("cleanup failed")


def _record(signum: int, _frame: object) -> None:
    _received.append(signum)


def catch() -> None:
    """Record stop signals from now on (until the loop takes them over). SIGUSR1 (a snapshot)
    is ignored until the server can take one, rather than ending the process."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _record)
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)


def pending() -> int | None:
    """The first stop signal received so far, if any."""
    return _received[0] if _received else None


def hard_exit(code: int = 0) -> None:
    """Leave now: flush the logs, skip the interpreter's teardown (the HTTP runtime's threads
    may still hold connections)."""
    run_cleanups()
    logging.shutdown()
    os._exit(code)


class Stopper:
    """What a stop signal does while the server serves."""

    def __init__(
        self,
        stop: Callable[[], None],
        *,
        grace: float = DEFAULT_GRACE,
        busy: Callable[[], bool] | None = None,
    ) -> None:
        self._stop = stop
        self.grace = grace
        self._busy = busy  # while it answers True, the watchdog waits (up to LONGEST_WAIT)
        self.signal: int | None = None
        self._since = 0.0

    def hand_to_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self.received, signum)
        first = pending()
        if first is not None:
            self.received(first)

    def received(self, signum: int) -> None:
        self.request(f"{signal.Signals(signum).name} received", signum)

    def request(self, reason: str, signum: int = signal.SIGTERM) -> None:
        """Stop as a stop signal would (the owner of a private server went away, ...)."""
        if self.signal is not None:
            log.warning("%s while stopping: exiting now", reason)
            hard_exit(0)
        self.signal = signum
        self._since = time.monotonic()
        log.info("%s: stopping (open streams are closed; exit within %g s)", reason, self.grace)
        self._arm(self.grace)
        self._stop()

    def _arm(self, delay: float) -> None:
        watchdog = threading.Timer(delay, self._overdue)
        watchdog.daemon = True
        watchdog.start()

    def _overdue(self) -> None:
        waited = time.monotonic() - self._since
        if self._busy is not None and self._busy() and waited < LONGEST_WAIT:
            log.info("still writing the last snapshot after %.0f s: waiting for it", waited)
            self._arm(1.0)
            return
        log.warning("the server did not stop within %.0f s: exiting now", waited)
        hard_exit(0)

"""A spawner thread that saw its job end starts the next queued job itself.

Without this, each short job's slot waits for the event loop between one job's end and the
next start: the spawner thread hands the end to the loop, the loop reports it, picks the next
job, prepares its start and hands it to a spawner thread again; with jobs of a millisecond the
slot spends as long waiting for those hand-overs as running jobs. So the loop prepares the next
starts ahead (`Launch`: the command line, environment and output files, everything but the
spawn) and leaves up to a machine's worth with the `Chain`; a spawner thread whose job ended
within the grace period (`quick_exit`) takes the first of them that needs what the ended job
held, and starts it at once. The loop hears of both, in order, as if it had started the job
itself; it counts the ended job's resources back and the chained job's out again.

Only jobs that need exactly what the ended one held are chained, so the loop's ledger never
holds more than the machine has; while stopping, nothing is chained (`close`) and the loop takes
back what waits (`take_back`).
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from torc_runner import quick_exit
from torc_runner.quick_exit import Started
from torc_runner.resources import Need
from torc_runner.stdio_files import Opened


@dataclass(slots=True, eq=False)
class Launch:
    """A job's start, prepared by the loop: `spawn(opened)` starts it and answers its pid."""

    job: Any  # the runner's ClaimedJob
    need: Need
    spawn: Callable[[Opened | None], int]
    files: Future[Opened] | None = None
    """Its output files being opened ahead (`stdio_files.OpenedAhead.claim`), if they are."""
    chained: bool = False
    """Started by a spawner thread after another job's end, not by the loop."""
    passed_on: bool = False
    """It ended and a chained start took over what it held."""

    def start(self, grace: float = quick_exit.GRACE_SECONDS) -> Started:
        """Start the job (in a worker thread) and wait up to `grace` seconds for its end."""
        return quick_exit.start(self.start_now, grace)

    def start_now(self) -> int:
        """Start the job; its pid."""
        return self.spawn(_ready(self.files))

    def discard(self) -> None:
        """It will not start: its files opened ahead are closed (and removed when empty)."""
        if self.files is not None:
            self.files.add_done_callback(_discard)


Outcome = Started | OSError
Deliver = Callable[[Launch, Outcome], None]
"""Called from the spawner thread with each job it started (or could not start), in order."""


class Inbox:
    """Starts delivered from the spawner threads, taken by the loop in batches: a thread wakes
    the loop only when none is waiting for it already, so a busy loop takes several starts per
    wake-up instead of one self-pipe write, read and turn of the loop each."""

    def __init__(self, loop: asyncio.AbstractEventLoop, take: Deliver) -> None:
        self._loop = loop
        self._take = take
        self._items: deque[tuple[Launch, Outcome]] = deque()
        self._scheduled = False

    def deliver(self, launch: Launch, outcome: Outcome) -> None:
        """From any thread."""
        self._items.append((launch, outcome))
        if not self._scheduled:
            self._scheduled = True
            self._loop.call_soon_threadsafe(self._drain)

    def _drain(self) -> None:
        self._scheduled = False  # before taking: what arrives from now on schedules again
        items = self._items
        while items:
            self._take(*items.popleft())


class Chain:
    """Prepared starts waiting for a slot; shared by the loop and the spawner threads."""

    def __init__(self, grace: float = quick_exit.GRACE_SECONDS) -> None:
        self.grace = grace
        """How long a spawner thread waits for its job to end (`quick_exit`)."""
        self._lock = threading.Lock()
        self._waiting: deque[Launch] = deque()
        self._open = True
        self.in_flight = 0
        """Chained starts the loop has not heard of yet."""

    def __len__(self) -> int:
        return len(self._waiting)

    def jobs(self) -> list[Any]:
        with self._lock:
            return [launch.job for launch in self._waiting]

    def offer(self, launch: Launch) -> None:
        with self._lock:
            self._waiting.append(launch)

    def take_if(self, fits: Callable[[Need], bool]) -> Launch | None:
        """The first waiting start when it `fits`, for the loop to start itself (a slot freed
        the slow way)."""
        with self._lock:
            if self._waiting and fits(self._waiting[0].need):
                return self._waiting.popleft()
        return None

    def take_back(self) -> list[Launch]:
        """Every waiting start, in order (the loop gives the jobs back, or stops)."""
        with self._lock:
            waiting = list(self._waiting)
            self._waiting.clear()
        return waiting

    def close(self) -> None:
        """Nothing more is chained (the runner stops)."""
        with self._lock:
            self._open = False

    def drop(self) -> None:
        """Nothing more is chained, and what waits will not start (the runner ends)."""
        self.close()
        for launch in self.take_back():
            launch.discard()

    def return_to(self, queue: deque[Any]) -> None:
        """What waits goes back to the front of the runner's queue, in order."""
        for launch in reversed(self.take_back()):
            launch.discard()
            queue.appendleft(launch.job)

    def heard(self, launch: Launch) -> None:
        """The loop has taken over a chained start."""
        if launch.chained:
            with self._lock:
                self.in_flight -= 1

    def _next(self, ended: Launch) -> Launch | None:
        with self._lock:
            waiting = self._waiting
            if not self._open or not waiting or waiting[0].need != ended.need:
                return None
            launch = waiting.popleft()
            self.in_flight += 1
        launch.chained = ended.passed_on = True
        return launch

    def run(self, first: Launch, deliver: Deliver) -> None:
        """Start `first`, then, while each job ends within the grace period, the next waiting
        start that needs the same (in a spawner thread)."""
        launch: Launch | None = first
        while launch is not None:
            try:
                started = launch.start(self.grace)
            except OSError as exc:
                deliver(launch, exc)
                return
            if started.returncode is None:  # still running: the loop watches it
                deliver(launch, started)
                return
            following = self._next(launch)  # before the loop hears of the end: its slot is kept
            deliver(launch, started)
            launch = following


def _ready(files: Future[Opened] | None) -> Opened | None:
    """The files opened ahead when they are ready (the caller closes them), else None: the
    child opens them itself, and those opened late are closed."""
    if files is None:
        return None
    if not files.done():
        files.add_done_callback(_close)
        return None
    try:
        return files.result()
    except OSError:
        return None


def _close(future: Future[Opened]) -> None:
    if future.exception() is None:
        future.result().close()


def _discard(future: Future[Opened]) -> None:
    if future.exception() is None:
        future.result().discard()

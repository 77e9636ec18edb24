"""How far ahead the runner claims, and how often it talks to the server, by how long jobs take.

Long jobs are claimed only when there is room for them, so another runner is not left idle while
this one holds work it cannot start. Short jobs are claimed ahead into the runner's queue, so the
next one starts the moment one ends instead of a round trip later, and one request carries many:
one machine's worth while they are under `PREFETCH_BELOW_SECONDS`, more the shorter they are.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFETCH_BELOW_SECONDS = 2.0
"""Jobs shorter than this on average are claimed ahead (a machine's worth, or more)."""
AHEAD_SECONDS = 0.25
"""Claiming ahead holds about this much work (by the mean job time) when jobs are very short,
so that a request carries many jobs instead of one or two."""
MAX_AHEAD = 32
"""At most this many machines' worth is held ahead."""
MAX_CLAIM = 1000
"""At most this many jobs per claim (a big machine claiming ahead would ask for thousands)."""
STALE_SECONDS = 1.0
"""A job claimed ahead that waits longer than this in the queue means the jobs turned long:
what is queued beyond one machine's worth goes back to ready, for other runners."""
BATCH_SECONDS = 0.05
"""While a well-stocked queue of short jobs keeps the machine busy, requests go out at most
this often, so that each carries more (reports of ended jobs wait that long at most)."""


@dataclass
class ClaimAhead:
    """The mean job time, recent jobs weighing more, and what follows from it."""

    slots: int
    """Jobs the machine runs at once: the parallel limit, or one per CPU."""
    mean_seconds: float | None = None
    last_send: float = 0.0
    """Monotonic time the last request went out."""

    def observe(self, seconds: float) -> None:
        """A job ran this long."""
        mean = self.mean_seconds
        self.mean_seconds = seconds if mean is None else 0.8 * mean + 0.2 * seconds

    def forget(self) -> None:
        """Jobs took longer than the mean said: claim nothing ahead until jobs are timed again."""
        self.mean_seconds = None

    def machines(self) -> int:
        """How many machines' worth to hold queued beyond what runs: none while jobs are long
        or not yet timed; one while they are short; more the shorter they are, up to
        `MAX_AHEAD`, so that the queue holds about `AHEAD_SECONDS` of work."""
        mean = self.mean_seconds
        if mean is None or mean >= PREFETCH_BELOW_SECONDS:
            return 0
        return max(1, min(MAX_AHEAD, int(AHEAD_SECONDS / max(mean, 1e-4))))

    def send_due(self, queued: int) -> float:
        """When the next request may go (monotonic): at once, unless short jobs are queued
        beyond what the machine runs at a time; then `BATCH_SECONDS` after the previous one."""
        if not self.machines() or queued < self.slots:
            return 0.0
        return self.last_send + BATCH_SECONDS

    def stale_at(self, queued: int, oldest_claimed_at: float) -> float | None:
        """When the queue beyond one machine's worth is to go back (monotonic), or None when
        the queue holds no more than that."""
        if queued <= self.slots:
            return None
        return oldest_claimed_at + STALE_SECONDS

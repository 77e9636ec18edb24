"""The claim-ahead policy: how far ahead to claim and how often to send, by job length."""

from __future__ import annotations

import pytest

from torc_runner.ahead import BATCH_SECONDS, MAX_AHEAD, STALE_SECONDS, ClaimAhead


@pytest.mark.parametrize(
    ("seconds", "machines"),
    [(None, 0), (30.0, 0), (2.0, 0), (1.0, 1), (0.1, 2), (0.01, 25), (0.0001, MAX_AHEAD)],
)
def test_the_shorter_the_jobs_the_deeper_the_queue(seconds: float | None, machines: int) -> None:
    ahead = ClaimAhead(slots=4)
    if seconds is not None:
        ahead.observe(seconds)
    assert ahead.machines() == machines


def test_recent_jobs_weigh_more_and_forget_starts_over() -> None:
    ahead = ClaimAhead(slots=2)
    ahead.observe(0.01)
    for _ in range(20):
        ahead.observe(10.0)  # the jobs turned long
    assert ahead.machines() == 0
    ahead.forget()
    assert ahead.mean_seconds is None
    ahead.observe(0.05)
    assert ahead.machines() == 5


def test_requests_are_paced_only_while_the_queue_keeps_the_machine_busy() -> None:
    ahead = ClaimAhead(slots=2, last_send=100.0)
    assert ahead.send_due(queued=10) == 0.0  # not timed yet: no claiming ahead, no pacing
    ahead.observe(0.005)
    assert ahead.send_due(queued=1) == 0.0  # the queue runs low: at once
    assert ahead.send_due(queued=10) == 100.0 + BATCH_SECONDS


def test_a_queue_beyond_one_machine_goes_stale() -> None:
    ahead = ClaimAhead(slots=2)
    assert ahead.stale_at(queued=2, oldest_claimed_at=50.0) is None
    assert ahead.stale_at(queued=3, oldest_claimed_at=50.0) == 50.0 + STALE_SECONDS

"""The startup delay window follows the deployment reference's table; delays are stable and spread."""

from __future__ import annotations

import statistics

import pytest

from torc_runner.slurm.jitter import delay_window, startup_delay


@pytest.mark.parametrize(
    ("runners", "low", "high"),
    [(0, 0, 0), (1, 0, 0), (2, 2, 2), (10, 10, 10), (11, 10, 11), (100, 60, 60), (5000, 60, 60)],
)
def test_window_follows_the_table(runners: int, low: float, high: float) -> None:
    assert low <= delay_window(runners) <= high


def test_window_grows_with_runners() -> None:
    windows = [delay_window(n) for n in range(1, 200)]
    assert windows == sorted(windows)


def test_delay_is_deterministic_and_spread() -> None:
    first = startup_delay(60, "node1", "1234", "0", 42)
    assert first == startup_delay(60, "node1", "1234", "0", 42)
    delays = [startup_delay(60, f"node{i}", "1234", "0", 42) for i in range(1000)]
    assert all(0 <= d < 60 for d in delays)
    assert 25 < statistics.mean(delays) < 35  # spread over the window, not bunched at one end
    assert startup_delay(0, "node1", "1234", "0", 42) == 0

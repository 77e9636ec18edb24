"""sacct's parsable lines become steps; times and sizes read as Slurm writes them."""

from __future__ import annotations

import pytest

from torc_runner.slurm.accounting import (
    duration_seconds,
    format_duration,
    format_size,
    parse_parsable,
    size_bytes,
)

# `sacct -j 41 -P -n --format=JobID,State,ExitCode,Elapsed,MaxRSS,TotalCPU,NodeList,JobName`
SACCT = """\
41|OUT_OF_MEMORY|0:125|00:00:03||00:01.234|node01|worker_wf3_1234_1
41.batch|OUT_OF_MEMORY|0:125|00:00:03|524288K|00:01.200|node01|batch
41.extern|COMPLETED|0:0|00:00:03|0|00:00:00|node01|extern
42|CANCELLED by 0|0:15|1-02:03:04||2-00:00:00|node[01-02]|a|name|with|bars
not a sacct line
"""


def test_parse_parsable() -> None:
    steps = parse_parsable(SACCT)
    assert [(s.slurm_job_id, s.step, s.name) for s in steps] == [
        ("41", "", "worker_wf3_1234_1"),
        ("41", "batch", "batch"),
        ("41", "extern", "extern"),
        ("42", "", "a|name|with|bars"),
    ]
    batch = steps[1]
    assert (batch.state, batch.exit_code, batch.signal) == ("OUT_OF_MEMORY", 0, 125)
    assert batch.max_rss_bytes == 512 * 2**20
    assert batch.elapsed_seconds == 3
    assert batch.cpu_seconds == pytest.approx(1.2)
    assert steps[0].max_rss_bytes is None
    assert steps[3].state == "CANCELLED by 0"
    assert steps[3].elapsed_seconds == 86400 + 2 * 3600 + 3 * 60 + 4
    assert steps[3].nodes == "node[01-02]"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("00:00:03", 3), ("01:02:03", 3723), ("02:03.500", 123.5), ("3-00:00:00", 259200), ("", None)],
)
def test_duration(text: str, seconds: float | None) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize(
    ("text", "size"),
    [("0", 0), ("512K", 524288), ("1.5G", 3 * 2**29), ("12M", 12 * 2**20), ("", None)],
)
def test_size(text: str, size: int | None) -> None:
    assert size_bytes(text) == size


def test_formats_as_the_summary_shows_them() -> None:
    assert format_duration(8100) == "2h 15m"
    assert format_duration(2730) == "45m 30s"
    assert format_duration(12.4) == "12s"
    assert format_duration(None) == ""
    assert format_size(int(4.5 * 2**30)) == "4.5GB"
    assert format_size(128 * 2**20) == "128.0MB"
    assert format_size(None) == ""

"""What Slurm's accounting (sacct) recorded about an allocation and its steps.

The summary reads sacct's parsable output with a field list chosen here, which reads the same on
every Slurm version; the full record is sacct's own JSON, saved as it is for people who need every
field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from torc_runner.slurm import tools

FIELDS = ("JobID", "State", "ExitCode", "Elapsed", "MaxRSS", "TotalCPU", "NodeList", "JobName")
"""JobName last: it is the only field that could contain the separator."""

SACCT_RETRIES = 0
"""sacct is asked on a person's behalf, who can ask again: a failure is reported at once."""

_DURATION = re.compile(r"^(?:(?P<days>\d+)-)?(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d+(?:\.\d+)?)$")
_SIZE = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>[KMGTP]?)$", re.IGNORECASE)
_FACTORS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40, "P": 2**50}


@dataclass(frozen=True)
class Step:
    """One line of sacct: the allocation itself (`step` empty) or one of its steps."""

    slurm_job_id: str
    step: str
    """`batch`, `extern`, `0`, ...; empty for the allocation's own line."""
    name: str
    state: str
    exit_code: int | None
    signal: int | None
    elapsed_seconds: float | None
    max_rss_bytes: int | None
    cpu_seconds: float | None
    nodes: str


def duration_seconds(text: str) -> float | None:
    """Slurm's `[D-][HH:]MM:SS[.mmm]` in seconds; None when empty or unreadable."""
    match = _DURATION.match(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    return (
        int(parts["days"] or 0) * 86400
        + int(parts["h"] or 0) * 3600
        + int(parts["m"]) * 60
        + float(parts["s"])
    )


def size_bytes(text: str) -> int | None:
    """Slurm's `123456K`, `1.5G` (1024-based; a bare number is bytes); None when empty."""
    match = _SIZE.match(text.strip())
    if match is None:
        return None
    return int(float(match["n"]) * _FACTORS[match["unit"].upper()])


def parse_parsable(text: str) -> list[Step]:
    """sacct `-P -n --format=<FIELDS>` output as steps."""
    steps = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("|", len(FIELDS) - 1)
        if len(parts) != len(FIELDS):
            continue
        job_id, state, exit_code, elapsed, max_rss, cpu, nodes, name = parts
        base, _, step = job_id.partition(".")
        code, _, signal = exit_code.partition(":")
        steps.append(
            Step(
                slurm_job_id=base,
                step=step,
                name=name,
                state=state,
                exit_code=int(code) if code.isdigit() else None,
                signal=int(signal) if signal.isdigit() else None,
                elapsed_seconds=duration_seconds(elapsed),
                max_rss_bytes=size_bytes(max_rss),
                cpu_seconds=duration_seconds(cpu),
                nodes=nodes,
            )
        )
    return steps


def steps(slurm_job_id: int | str) -> list[Step]:
    """The allocation and its steps as accounting recorded them (empty: not recorded yet)."""
    out = tools.run(
        ["sacct", "-j", str(slurm_job_id), "-P", "-n", "--format=" + ",".join(FIELDS)],
        retries=SACCT_RETRIES,
    )
    return parse_parsable(out)


def raw_json(slurm_job_id: int | str) -> str:
    """sacct's full JSON record of the allocation, as sacct writes it."""
    return tools.run(["sacct", "-j", str(slurm_job_id), "--json"], retries=SACCT_RETRIES)


def format_duration(seconds: float | None) -> str:
    """`2h 15m`, `45m 30s`, `12s`: as the accounting summary shows times."""
    if seconds is None:
        return ""
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"


def format_size(size: int | None) -> str:
    """`4.5GB`, `128.0MB`, `512.0KB`."""
    if size is None:
        return ""
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if amount < 1024 or unit == "TB":
            return f"{amount:.0f}{unit}" if unit == "B" else f"{amount:.1f}{unit}"
        amount /= 1024
    return ""  # pragma: no cover - the loop returns

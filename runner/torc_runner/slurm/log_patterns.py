"""Known failure messages in what Slurm, the kernel and jobs write to an allocation's logs.

A line is named by the first pattern that matches it, so the specific messages come first: a
`slurmstepd: error:` line about an out-of-memory kill is an out-of-memory kill, and a CANCELLED
line that says DUE TO TIME LIMIT is a time limit. slurmstepd may name its host
(`slurmstepd-node01: error:`). Severities: `critical` (the allocation or its
jobs were killed), `error` (something failed) and `warning` (worth a look, often harmless).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["critical", "error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("critical", "error", "warning")

MAX_LINE_CHARS = 500
"""A matched line is kept up to this length (a job may print very long lines)."""


@dataclass(frozen=True)
class LogPattern:
    name: str
    regex: re.Pattern[str]
    severity: Severity
    category: str


def _pattern(
    name: str, regex: str, severity: Severity, category: str, *, case: bool = False
) -> LogPattern:
    return LogPattern(name, re.compile(regex, 0 if case else re.IGNORECASE), severity, category)


PATTERNS: tuple[LogPattern, ...] = (
    # GPU before memory: "CUDA out of memory" is not the kernel's out-of-memory killer
    _pattern("CUDA out of memory", r"CUDA out of memory", "error", "gpu"),
    _pattern("GPU memory exceeded", r"GPU memory.*exceeded", "error", "gpu"),
    _pattern("CUDA error", r"CUDA error", "error", "gpu"),
    # memory
    _pattern(
        "Out of Memory (OOM) Kill",
        r"oom[-_ ]kill|memory cgroup out of memory|out of memory|OUT_OF_MEMORY",
        "critical",
        "memory",
    ),
    _pattern(
        "Exceeded job memory limit", r"exceeded (?:job |step )?memory limit", "critical", "memory"
    ),
    _pattern("Killed by task/cgroup", r"task/cgroup: .*: Killed", "critical", "memory"),
    _pattern("Cannot allocate memory", r"cannot allocate memory", "error", "memory"),
    _pattern("C++ std::bad_alloc", r"std::bad_alloc", "error", "memory", case=True),
    _pattern("Python MemoryError", r"\bMemoryError\b", "error", "memory", case=True),
    # the allocation ended early
    _pattern("DUE TO TIME LIMIT", r"DUE TO TIME LIMIT", "critical", "slurm", case=True),
    _pattern("DUE TO PREEMPTION", r"DUE TO PREEMPTION", "error", "slurm", case=True),
    _pattern("NODE_FAIL", r"\bNODE_FAIL\b|DUE TO NODE FAIL", "critical", "slurm", case=True),
    # crashes
    _pattern("Segmentation fault", r"Segmentation fault|\bSIGSEGV\b", "critical", "signal"),
    _pattern("Bus error", r"Bus error|\bSIGBUS\b", "critical", "signal"),
    _pattern("Core dumped", r"core dumped", "critical", "signal"),
    _pattern("Killed by signal", r"killed by signal", "error", "signal"),
    # file systems
    _pattern("No space left on device", r"No space left on device", "critical", "filesystem"),
    _pattern("Disk quota exceeded", r"Disk quota exceeded", "critical", "filesystem"),
    _pattern("Read-only file system", r"Read-only file system", "error", "filesystem"),
    _pattern("Permission denied", r"Permission denied", "warning", "filesystem"),
    # Python
    _pattern(
        "Python traceback", r"Traceback \(most recent call last\)", "error", "python", case=True
    ),
    _pattern(
        "Python import error",
        r"\b(ModuleNotFoundError|ImportError)\b",
        "error",
        "python",
        case=True,
    ),
    # Slurm's own words, after everything more specific
    _pattern("Exceeded step limit", r"Exceeded.*step.*limit", "error", "slurm"),
    _pattern("CANCELLED", r"\bCANCELLED\b", "error", "slurm", case=True),
    _pattern("FAILED", r"\bFAILED\b", "error", "slurm", case=True),
    _pattern("slurmstepd error", r"slurmstepd(?:-[\w.-]+)?: error:", "error", "slurm"),
    _pattern("srun error", r"srun: error:", "error", "slurm"),
    # network
    _pattern("Connection refused", r"Connection refused", "warning", "network"),
    _pattern("Connection timed out", r"Connection timed out", "warning", "network"),
    _pattern("Network is unreachable", r"Network is unreachable", "warning", "network"),
)


@dataclass(frozen=True)
class LogHit:
    """One line of a log that names a known failure."""

    path: Path
    line_number: int
    """1-based."""
    line: str
    pattern: LogPattern


def match(line: str) -> LogPattern | None:
    """The first known pattern in `line`, or None."""
    for pattern in PATTERNS:
        if pattern.regex.search(line):
            return pattern
    return None


def scan_lines(path: Path, lines: Iterable[str]) -> Iterator[LogHit]:
    for number, line in enumerate(lines, start=1):
        found = match(line)
        if found is not None:
            text = line.strip()
            if len(text) > MAX_LINE_CHARS:
                text = text[: MAX_LINE_CHARS - 1] + "…"
            yield LogHit(path, number, text, found)


def scan_file(path: Path) -> list[LogHit]:
    """Every line of `path` that names a known failure; bytes that are not UTF-8 are replaced."""
    with path.open(encoding="utf-8", errors="replace") as stream:
        return list(scan_lines(path, stream))

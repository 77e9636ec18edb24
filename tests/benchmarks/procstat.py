"""Peak memory of the processes a benchmark measures, read the same way everywhere."""

from __future__ import annotations

from pathlib import Path

import psutil


def peak_rss(pid: int | str = "self") -> int:
    """A process's peak resident memory (VmHWM) in bytes; its current RSS where procfs is
    missing, 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return psutil.Process(None if pid == "self" else int(pid)).memory_info().rss
    except psutil.Error:
        return 0


def tree_peak_rss(pid: int) -> int:
    """The peaks of a process and its children, summed (a server and any workers)."""
    try:
        main = psutil.Process(pid)
        return sum(peak_rss(p.pid) for p in [main, *main.children(recursive=True)])
    except psutil.Error:
        return 0

"""What this machine offers to jobs, and what the running jobs use of it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

import psutil


@dataclass
class Resources:
    num_cpus: int
    memory_gb: float
    num_gpus: int
    num_nodes: int = 1

    @classmethod
    def detect(
        cls,
        num_cpus: int | None = None,
        memory_gb: float | None = None,
        num_gpus: int | None = None,
    ) -> Resources:
        """The machine's CPUs, memory and GPUs, each overridable."""
        return cls(
            num_cpus=num_cpus
            if num_cpus is not None
            else (psutil.cpu_count() or os.cpu_count() or 1),
            memory_gb=memory_gb
            if memory_gb is not None
            else psutil.virtual_memory().total / 1024**3,
            num_gpus=num_gpus if num_gpus is not None else count_gpus(),
        )


def count_gpus() -> int:
    """NVIDIA GPUs visible to this process (CUDA_VISIBLE_DEVICES wins)."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        return len([d for d in visible.split(",") if d.strip() and d.strip() != "-1"])
    if shutil.which("nvidia-smi") is None:
        return 0
    try:
        out = subprocess.run(
            ["nvidia-smi", "--list-gpus"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    return sum(1 for line in out.splitlines() if line.startswith("GPU "))


@dataclass(frozen=True)
class Need:
    """What one running job holds."""

    num_cpus: int = 1
    memory_bytes: int = 1024**2
    num_gpus: int = 0


class Ledger:
    """Resources minus what running jobs hold."""

    def __init__(self, total: Resources) -> None:
        self.total = total
        self.cpus = total.num_cpus
        self.memory_bytes = int(total.memory_gb * 1024**3)
        self.gpus = total.num_gpus

    def fits(self, need: Need) -> bool:
        return (
            need.num_cpus <= self.cpus
            and need.memory_bytes <= self.memory_bytes
            and need.num_gpus <= self.gpus
        )

    def take(self, need: Need) -> None:
        self.cpus -= need.num_cpus
        self.memory_bytes -= need.memory_bytes
        self.gpus -= need.num_gpus

    def give_back(self, need: Need) -> None:
        self.cpus += need.num_cpus
        self.memory_bytes += need.memory_bytes
        self.gpus += need.num_gpus

    @property
    def memory_gb(self) -> float:
        return max(self.memory_bytes, 0) / 1024**3

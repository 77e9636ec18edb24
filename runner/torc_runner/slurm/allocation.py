"""What a Slurm allocation offers the runner inside it, read from Slurm's `SLURM_*` variables,
and when it ends, asked of `squeue`.

A runner started once per node by `srun` (`--is-subtask`) shares its node with the other tasks
there: it offers its task's CPUs and its share of the node's memory.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import psutil

from torc_runner.resources import Resources, count_gpus
from torc_runner.slurm import tools

DEFAULT_EXPIRATION_BUFFER_SECONDS = 180
"""`compute_node_expiration_buffer_seconds` when the workflow does not set it (the API's
documented default)."""
SQUEUE_RETRIES = 6
SQUEUE_RETRY_DELAY = 10.0
_NO_END = {"", "N/A", "NONE", "UNKNOWN", "UNLIMITED", "INVALID"}


class AllocationError(RuntimeError):
    """The environment is not that of a Slurm allocation, or says something unreadable."""


@dataclass(frozen=True)
class Allocation:
    job_id: str
    node_id: str
    """SLURM_NODEID: the node's index in the allocation; "0" is the head node."""
    hostname: str
    num_nodes: int
    num_cpus: int
    memory_gb: float
    num_gpus: int

    local_id: str = "0"
    """SLURM_LOCALID: the task's index on its node, when srun starts several per node."""

    @property
    def is_head(self) -> bool:
        """The head node's (first) runner reports the allocation itself (active, complete)."""
        return self.node_id == "0" and self.local_id == "0"

    def resources(
        self,
        num_cpus: int | None = None,
        memory_gb: float | None = None,
        num_gpus: int | None = None,
    ) -> Resources:
        """What the runner offers to jobs, each value overridable from the command line."""
        return Resources(
            num_cpus=self.num_cpus if num_cpus is None else num_cpus,
            memory_gb=self.memory_gb if memory_gb is None else memory_gb,
            num_gpus=self.num_gpus if num_gpus is None else num_gpus,
            num_nodes=self.num_nodes,
        )

    @classmethod
    def from_environment(
        cls, env: Mapping[str, str] | None = None, *, is_subtask: bool = False
    ) -> Allocation:
        env = os.environ if env is None else env
        job_id = env.get("SLURM_JOB_ID") or env.get("SLURM_JOBID")
        if not job_id:
            raise AllocationError(
                "SLURM_JOB_ID is not set: torc-slurm-job-runner runs inside a Slurm allocation "
                "(started by sbatch, or by srun within one)"
            )
        node_cpus = _int(env, "SLURM_CPUS_ON_NODE") or os.cpu_count() or 1
        tasks_here = _tasks_on_node(env) if is_subtask else 1
        if is_subtask:
            cpus = _int(env, "SLURM_CPUS_PER_TASK") or max(node_cpus // tasks_here, 1)
        else:
            cpus = node_cpus
        return cls(
            job_id=job_id,
            node_id=env.get("SLURM_NODEID", "0"),
            hostname=env.get("SLURMD_NODENAME") or socket.gethostname(),
            num_nodes=_num_nodes(env),
            num_cpus=cpus,
            memory_gb=_node_memory_gb(env, node_cpus) / tasks_here,
            num_gpus=_gpus(env, is_subtask),
            local_id=env.get("SLURM_LOCALID", "0"),
        )


def _int(env: Mapping[str, str], name: str) -> int | None:
    """A whole-number variable; Slurm writes some as `4(x2)` (4 on each of 2 nodes)."""
    value = env.get(name, "").strip()
    if not value:
        return None
    match = re.match(r"\d+", value)
    if match is None:
        raise AllocationError(f"{name}={value!r} is not a whole number")
    return int(match.group())


def _num_nodes(env: Mapping[str, str]) -> int:
    """The nodes this runner offers to jobs: the allocation's, unless srun started it as one of
    several tasks (one worker per node): then only its own node is its to give."""
    if (_int(env, "SLURM_STEP_NUM_TASKS") or 1) > 1:
        return 1
    return _int(env, "SLURM_JOB_NUM_NODES") or _int(env, "SLURM_NNODES") or 1


def _tasks_on_node(env: Mapping[str, str]) -> int:
    """How many runners share this node when srun starts one per task."""
    return max(_int(env, "SLURM_NTASKS_PER_NODE") or _int(env, "SLURM_TASKS_PER_NODE") or 1, 1)


def _node_memory_gb(env: Mapping[str, str], node_cpus: int) -> float:
    """The node's memory for this job: SLURM_MEM_PER_NODE (MB), else SLURM_MEM_PER_CPU times
    the node's CPUs, else (no memory request) the machine's memory."""
    per_node = _int(env, "SLURM_MEM_PER_NODE")
    if per_node:
        return per_node / 1024
    # the batch script saves SLURM_MEM_PER_CPU before unsetting it for srun (see script.py)
    per_cpu = _int(env, "SLURM_MEM_PER_CPU") or _int(env, "TORC_SLURM_MEM_PER_CPU")
    if per_cpu:
        return per_cpu * node_cpus / 1024
    return psutil.virtual_memory().total / 1024**3


def _gpus(env: Mapping[str, str], is_subtask: bool) -> int:
    """GPUs Slurm gave the job (the step's for a subtask), else those CUDA shows."""
    names = ("SLURM_STEP_GPUS", "SLURM_JOB_GPUS") if is_subtask else ("SLURM_JOB_GPUS",)
    for name in names:
        listed = env.get(name, "").strip()
        if listed:
            return len([item for item in listed.split(",") if item.strip()])
    on_node = _int(env, "SLURM_GPUS_ON_NODE")
    if on_node is not None:
        return on_node
    visible = env.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        return len([d for d in visible.split(",") if d.strip() and d.strip() != "-1"])
    return count_gpus()


def end_time(
    job_id: str, *, retries: int = SQUEUE_RETRIES, delay: float = SQUEUE_RETRY_DELAY
) -> float | None:
    """When the allocation ends (epoch seconds), from `squeue -j ID -h -o %e`; None when it
    has no time limit."""
    out = tools.run(["squeue", "-j", job_id, "-h", "-o", "%e"], retries=retries, delay=delay)
    return parse_end_time(out, job_id)


def parse_end_time(text: str, job_id: str = "?") -> float | None:
    """squeue's `%e` (local time, `2026-12-05T19:30:00`) as epoch seconds."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise AllocationError(f"squeue does not know Slurm job {job_id}")
    value = lines[0]
    if value.upper() in _NO_END:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except ValueError:
        raise AllocationError(
            f"squeue gave {value!r} as the end time of Slurm job {job_id}, not a date and time"
        ) from None


def expiration_buffer(workflow_setting: int | None) -> float:
    """The workflow's `compute_node_expiration_buffer_seconds`, else the documented default."""
    return float(
        DEFAULT_EXPIRATION_BUFFER_SECONDS if workflow_setting is None else workflow_setting
    )


def runner_end_time(allocation_end: float | None, buffer: float) -> float | None:
    """When the runner's jobs must all have ended: the allocation's end less the buffer, taken
    once (the runner's `Deadline` works back from this)."""
    return None if allocation_end is None else allocation_end - buffer

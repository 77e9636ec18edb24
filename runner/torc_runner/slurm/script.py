"""The sbatch script of one allocation, written the same way every time.

The `#SBATCH` lines come in a fixed order: first the scheduler configuration's own options
(`SCHEDULER_OPTIONS` order), then the output and error paths, then the workflow's
`slurm_defaults` sorted by option name, then the scheduler's `extra` options as given. The same
inputs always give the same script, so a kept script can be compared with another.

Credentials never go into the script (it sits on a shared filesystem): sbatch hands the
submitting environment to the allocation (`--export=ALL`, Slurm's default), which is how
`TORC_USERNAME` and `TORC_PASSWORD` reach the runner.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RUNNER_COMMAND = "torc-slurm-job-runner"

# (sbatch option, scheduler record field), in the order they are written.
SCHEDULER_OPTIONS = (
    ("account", "account"),
    ("time", "walltime"),
    ("nodes", "nodes"),
    ("partition", "partition"),
    ("qos", "qos"),
    ("mem", "mem"),
    ("gres", "gres"),
    ("tmp", "tmp"),
    ("ntasks-per-node", "ntasks_per_node"),
)

# Options each allocation's scheduler configuration or torc itself sets; `slurm_defaults` may
# not give them (with their one-letter forms).
RESERVED_DEFAULTS = {
    "partition": "partition",
    "p": "partition",
    "nodes": "nodes",
    "N": "nodes",
    "walltime": "walltime",
    "time": "walltime",
    "t": "walltime",
    "mem": "mem",
    "gres": "gres",
    "name": "job-name",
    "job-name": "job-name",
    "J": "job-name",
    "output": "output",
    "o": "output",
    "error": "error",
    "e": "error",
}


class ScriptError(ValueError):
    """The workflow's Slurm settings cannot make a script (one line saying what to fix)."""


@dataclass(frozen=True)
class RunnerCommand:
    """How the runner inside the allocation is started."""

    url: str
    workflow_id: int
    output_dir: Path
    poll_interval: float
    startup_delay_seconds: float
    max_parallel_jobs: int | None = None
    start_one_worker_per_node: bool = False


def runner_executable() -> str:
    """The torc-slurm-job-runner installed beside this Python (a virtualenv's `bin`), else the
    bare name for the allocation's PATH."""
    beside = Path(sys.executable).parent / RUNNER_COMMAND
    return str(beside) if beside.exists() else RUNNER_COMMAND


def option_name(key: str) -> str:
    """`ntasks_per_node`, `--ntasks-per-node` -> `ntasks-per-node`."""
    return key.strip().lstrip("-").replace("_", "-")


def default_lines(slurm_defaults: Mapping[str, Any], taken: set[str]) -> list[str]:
    """`#SBATCH` lines for the workflow's `slurm_defaults`, sorted by option; options the
    scheduler already set (`taken`) keep the scheduler's value."""
    refused = sorted(key for key in slurm_defaults if option_name(key) in RESERVED_DEFAULTS)
    if refused:
        raise ScriptError(
            f"slurm_defaults may not set {', '.join(refused)}: the scheduler configuration "
            "sets partition, nodes, walltime, mem, gres and torc sets the job name and output "
            "paths; put them in the scheduler (slurm_schedulers) instead"
        )
    lines = []
    for key in sorted(slurm_defaults, key=option_name):
        option = option_name(key)
        value = slurm_defaults[key]
        if option in taken or value is None or value is False:
            continue
        if value is True:
            lines.append(f"#SBATCH --{option}")
        else:
            lines.append(f"#SBATCH --{option}={_text(value)}")
    return lines


def extra_lines(extra: str | None) -> list[str]:
    """One `#SBATCH` line per option of the scheduler's `extra` (a value given as a separate
    word stays with its option), in the order given."""
    if not extra or not extra.strip():
        return []
    try:
        words = shlex.split(extra)
    except ValueError as exc:
        raise ScriptError(
            f"the scheduler's extra options '{extra}' cannot be read: {exc}"
        ) from None
    groups: list[list[str]] = []
    for word in words:
        if word.startswith("-") or not groups:
            groups.append([word])
        else:
            groups[-1].append(word)
    return ["#SBATCH " + shlex.join(group) for group in groups]


def render(
    scheduler: Mapping[str, Any],
    job_name: str,
    command: RunnerCommand,
    slurm_defaults: Mapping[str, Any] | None = None,
) -> str:
    """The whole sbatch script for one allocation of `scheduler` (a scheduler record as a dict)."""
    output_dir = command.output_dir
    lines = ["#!/bin/bash"]
    taken: set[str] = set()
    for option, field_name in SCHEDULER_OPTIONS:
        value = scheduler.get(field_name)
        if value is None or value == "":
            continue
        taken.add(option)
        lines.append(f"#SBATCH --{option}={_text(value)}")
        if option == "account":
            lines.append(f"#SBATCH --job-name={job_name}")
    if "account" not in taken:
        lines.append(f"#SBATCH --job-name={job_name}")
    stdio = output_dir / f"slurm_output_wf{command.workflow_id}_sl%j"
    lines.append(f"#SBATCH --output={stdio}.o")
    lines.append(f"#SBATCH --error={stdio}.e")
    lines += default_lines(slurm_defaults or {}, taken)
    lines += extra_lines(scheduler.get("extra"))
    lines += ["", f"export TORC_API_URL={shlex.quote(command.url)}", ""]
    runner = [
        shlex.quote(runner_executable()),
        '"$TORC_API_URL"',
        str(command.workflow_id),
        shlex.quote(str(output_dir)),
        "--poll-interval",
        _text(command.poll_interval),
    ]
    if command.max_parallel_jobs is not None:
        runner += ["--max-parallel-jobs", str(command.max_parallel_jobs)]
    runner += ["--startup-delay-seconds", _text(round(command.startup_delay_seconds, 3))]
    if command.start_one_worker_per_node:
        # srun would refuse a step whose memory option conflicts with the allocation's; one
        # task on each node, each with all of its node's CPUs (the runners still need to know
        # the memory per CPU, so it is kept under a name srun does not read).
        lines.append('export TORC_SLURM_MEM_PER_CPU="${SLURM_MEM_PER_CPU:-}"')
        lines.append("unset SLURM_MEM_PER_CPU SLURM_MEM_PER_GPU")
        launch = [
            "exec srun",
            '--nodes="$SLURM_JOB_NUM_NODES"',
            '--ntasks="$SLURM_JOB_NUM_NODES"',
            "--ntasks-per-node=1",
        ]
        lines.append(" ".join([*launch, *runner]))
    else:
        lines.append(" ".join(["exec", *runner]))
    return "\n".join(lines) + "\n"


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

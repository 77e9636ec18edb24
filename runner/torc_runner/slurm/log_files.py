"""Which files in an output directory Slurm and torc's runners wrote for a workflow's allocations.

sbatch writes each allocation's standard output and error to `slurm_output_wf{W}_sl{ID}.o` and
`.e`, where `wf{W}_sl{ID}` ties the file to workflow W and Slurm job ID. The runners inside it
write `job_runner_slurm_{ID}_{host}_{pid}.log` and `dmesg_slurm_{ID}_{host}_{pid}.log`, named by
the Slurm job id alone: those (and the guide's `slurm_output_{ID}.o/.e`) belong to the workflow
when the caller knows ID as one of its allocations.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

SCANNED_PREFIXES = ("slurm_output_", "job_runner_slurm_", "dmesg_slurm_")
"""Logs worth reading for failures; `slurm_env_` files only list environment variables."""

_BY_JOB_ID = re.compile(r"^(?:slurm_output_|job_runner_slurm_|dmesg_slurm_)(\d+)(?:[._]|$)")


def slurm_stdout(output_dir: Path, workflow_id: int, slurm_job_id: int | str) -> Path:
    return output_dir / f"slurm_output_wf{workflow_id}_sl{slurm_job_id}.o"


def slurm_stderr(output_dir: Path, workflow_id: int, slurm_job_id: int | str) -> Path:
    return output_dir / f"slurm_output_wf{workflow_id}_sl{slurm_job_id}.e"


@dataclass(frozen=True)
class AllocationLog:
    slurm_job_id: str
    path: Path


def allocation_logs(
    output_dir: Path, workflow_id: int, known_job_ids: Collection[str] = ()
) -> list[AllocationLog]:
    """The workflow's Slurm and runner logs directly in `output_dir`, by Slurm job id and name."""
    tagged = re.compile(rf"_wf{workflow_id}_sl(\d+)(?:[._]|$)")
    found = []
    for path in output_dir.iterdir():
        name = path.name
        if not name.startswith(SCANNED_PREFIXES) or not path.is_file():
            continue
        match = tagged.search(name)
        if match is None:
            plain = _BY_JOB_ID.match(name)
            if plain is None or plain.group(1) not in known_job_ids:
                continue
            match = plain
        found.append(AllocationLog(match.group(1), path))
    found.sort(key=lambda log: (int(log.slurm_job_id), log.path.name))
    return found

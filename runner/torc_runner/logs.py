"""Where a run's files go, named as the user guide's Debugging chapter documents."""

from __future__ import annotations

from pathlib import Path


def job_stdio_dir(output_dir: Path) -> Path:
    return output_dir / "job_stdio"


def job_stdio_name(workflow_id: int, job_id: int, run_id: int, stream: str) -> str:
    """A job's stdout (`stream` "o") or stderr ("e") file name in `job_stdio_dir`."""
    return f"job_{workflow_id}_{job_id}_{run_id}.{stream}"


def job_stdout(output_dir: Path, workflow_id: int, job_id: int, run_id: int) -> Path:
    return job_stdio_dir(output_dir) / job_stdio_name(workflow_id, job_id, run_id, "o")


def job_stderr(output_dir: Path, workflow_id: int, job_id: int, run_id: int) -> Path:
    return job_stdio_dir(output_dir) / job_stdio_name(workflow_id, job_id, run_id, "e")


def runner_log(output_dir: Path, hostname: str, workflow_id: int, run_id: int) -> Path:
    return output_dir / f"job_runner_{hostname}_{workflow_id}_{run_id}.log"


def metrics_db(output_dir: Path, label: str) -> Path:
    return output_dir / "resource_utilization" / f"resource_metrics_{label}.db"


def slurm_tag(slurm_job_id: str, hostname: str, pid: int) -> str:
    """What names a Slurm runner's files: its allocation, node and process."""
    return f"{slurm_job_id}_{hostname}_{pid}"


def slurm_runner_log(output_dir: Path, tag: str) -> Path:
    return output_dir / f"job_runner_slurm_{tag}.log"


def slurm_env_log(output_dir: Path, tag: str) -> Path:
    return output_dir / f"slurm_env_{tag}.log"


def dmesg_log(output_dir: Path, tag: str) -> Path:
    return output_dir / f"dmesg_slurm_{tag}.log"

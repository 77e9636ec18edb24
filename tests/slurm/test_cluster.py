"""The test cluster itself: a batch job runs, its accounting is recorded, memory limits hold."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from torc_runner.slurm import tools


def _wait_done(job_id: str, timeout: float = 60) -> str:
    """The job's final state as accounting records it (slurmdbd may lag behind squeue)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        queued = tools.run(["squeue", "-h", "-j", job_id, "-o", "%T"]).strip()
        state = tools.run(["sacct", "-n", "-X", "-P", "-j", job_id, "-o", "State"]).strip()
        if not queued and state and state not in {"PENDING", "RUNNING", "COMPLETING"}:
            return state
        time.sleep(0.5)
    raise AssertionError(f"Slurm job {job_id} not finished after {timeout} s")


def test_batch_job_runs_and_is_accounted(slurm_cluster, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    said = tools.run(
        [
            "sbatch",
            "--parsable",
            f"--output={out}",
            "--time=1",
            "--wrap",
            "echo ran on $SLURM_JOB_NODELIST",
        ]
    )
    job_id = said.strip().split(";")[0]
    assert _wait_done(job_id) == "COMPLETED"
    assert out.read_text().strip() == f"ran on {slurm_cluster.node}"


def test_memory_limit_kills_the_job(slurm_cluster, tmp_path: Path) -> None:
    out = tmp_path / "oom.txt"
    hog = "python3 -c 'import time; a = bytearray(400 * 2**20); time.sleep(5)'"
    job_id = tools.run(
        ["sbatch", "--parsable", "--mem=50M", f"--output={out}", "--wrap", hog]
    ).strip()
    assert _wait_done(job_id) in {"FAILED", "OUT_OF_MEMORY", "CANCELLED"}
    assert "exceeded memory limit" in out.read_text()


def test_sbatch_refusal_is_one_line(slurm_cluster) -> None:
    try:
        tools.run(["sbatch", "--partition=nosuchpartition", "--wrap", "true"])
    except tools.SlurmError as exc:
        message = str(exc)
    else:
        raise AssertionError("sbatch accepted a partition that does not exist")
    assert "\n" not in message
    assert "invalid partition" in message.lower()
    assert subprocess.run(["squeue", "-h"], capture_output=True, text=True).returncode == 0

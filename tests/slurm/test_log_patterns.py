"""Known failure messages are named in log files as Slurm, the kernel and jobs write them, and the
logs of a workflow's allocations are told apart from other files in the output directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from torc_runner.slurm.log_files import allocation_logs, slurm_stderr, slurm_stdout
from torc_runner.slurm.log_patterns import PATTERNS, SEVERITIES, match, scan_file

# Lines as Slurm 22.05, the kernel, CUDA and Python print them.
LINES = [
    (
        "slurmstepd: error: Detected 1 oom_kill event in StepId=41.batch. Some of the step tasks "
        "have been OOM Killed.",
        "Out of Memory (OOM) Kill",
        "critical",
    ),
    (
        "slurmstepd: error: Detected 1 oom-kill event(s) in step 41.batch cgroup.",
        "Out of Memory (OOM) Kill",
        "critical",
    ),
    (
        "[ 4021.1] Memory cgroup out of memory: Killed process 3112 (python3)",
        "Out of Memory (OOM) Kill",
        "critical",
    ),
    (
        "slurmstepd: error: Exceeded job memory limit at some point.",
        "Exceeded job memory limit",
        "critical",
    ),
    (
        "slurmstepd: error: task/cgroup: _oom_event_monitor: Killed",
        "Killed by task/cgroup",
        "critical",
    ),
    ("task/cgroup: step 7.0: Killed", "Killed by task/cgroup", "critical"),
    (
        "slurmstepd-vm: error: StepId=14.batch exceeded memory limit (541294592 > 52428800), "
        "being killed",
        "Exceeded job memory limit",
        "critical",
    ),
    (
        "slurmstepd-node01: error: Exceeded job memory limit",
        "Exceeded job memory limit",
        "critical",
    ),
    (
        "slurmstepd-node01.cluster: error: Unable to create TMPDIR [/scratch]",
        "slurmstepd error",
        "error",
    ),
    ("OSError: [Errno 12] Cannot allocate memory", "Cannot allocate memory", "error"),
    (
        "terminate called after throwing an instance of 'std::bad_alloc'",
        "C++ std::bad_alloc",
        "error",
    ),
    ("MemoryError", "Python MemoryError", "error"),
    (
        "slurmstepd: error: *** JOB 77 ON node01 CANCELLED AT 2026-12-05T18:00:01 DUE TO TIME "
        "LIMIT ***",
        "DUE TO TIME LIMIT",
        "critical",
    ),
    (
        "slurmstepd: error: *** JOB 78 ON node01 CANCELLED AT 2026-12-05T18:00:01 DUE TO "
        "PREEMPTION ***",
        "DUE TO PREEMPTION",
        "error",
    ),
    (
        "slurmstepd: error: *** JOB 79 ON node01 CANCELLED AT 2026-12-05T18:00:01 ***",
        "CANCELLED",
        "error",
    ),
    ("srun: error: Node failure on node02 (NODE_FAIL)", "NODE_FAIL", "critical"),
    ("JobState=FAILED Reason=NonZeroExitCode", "FAILED", "error"),
    (
        "slurmstepd: error: execve(): torc-slurm-job-runner: No such file",
        "slurmstepd error",
        "error",
    ),
    ("srun: error: node01: task 0: Exited with exit code 1", "srun error", "error"),
    ("Exceeded step cpu limit", "Exceeded step limit", "error"),
    (
        "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
        "CUDA out of memory",
        "error",
    ),
    ("RuntimeError: CUDA error: device-side assert triggered", "CUDA error", "error"),
    ("GPU memory usage exceeded the limit", "GPU memory exceeded", "error"),
    (
        "/var/spool/slurmd/job00042/slurm_script: line 9: 311 Segmentation fault",
        "Segmentation fault",
        "critical",
    ),
    ("Bus error (core dumped)", "Bus error", "critical"),
    ("Aborted (core dumped)", "Core dumped", "critical"),
    ("process 12 killed by signal 6", "Killed by signal", "error"),
    ("Traceback (most recent call last):", "Python traceback", "error"),
    ("ModuleNotFoundError: No module named 'numpy'", "Python import error", "error"),
    ("ImportError: cannot import name 'x'", "Python import error", "error"),
    ("OSError: [Errno 28] No space left on device", "No space left on device", "critical"),
    ("write failed: Disk quota exceeded", "Disk quota exceeded", "critical"),
    ("touch: cannot touch 'x': Read-only file system", "Read-only file system", "error"),
    ("bash: ./run.sh: Permission denied", "Permission denied", "warning"),
    ("httpx.ConnectError: [Errno 111] Connection refused", "Connection refused", "warning"),
    ("ssh: connect to host x port 22: Connection timed out", "Connection timed out", "warning"),
    ("connect: Network is unreachable", "Network is unreachable", "warning"),
]


@pytest.mark.parametrize(("line", "name", "severity"), LINES, ids=[n for _, n, _ in LINES])
def test_each_known_line_is_named(line: str, name: str, severity: str) -> None:
    found = match(line)
    assert found is not None, line
    assert (found.name, found.severity) == (name, severity)


@pytest.mark.parametrize(
    "line",
    [
        "2026-12-05 INFO job 3 completed with return code 0",
        "Starting torc-slurm-job-runner for workflow 12",
        "cancelled: false",  # the word in lower case, as a setting: not Slurm's state
        "SUCCEEDED",
        "",
    ],
)
def test_ordinary_lines_are_not_named(line: str) -> None:
    assert match(line) is None


def test_every_pattern_has_a_known_severity_and_a_unique_name() -> None:
    assert all(p.severity in SEVERITIES for p in PATTERNS)
    assert len({p.name for p in PATTERNS}) == len(PATTERNS)


def test_scan_file_gives_line_numbers_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "slurm_output_wf3_sl41.e"
    path.write_bytes(
        b"starting\n"
        b"\xff\xfe not utf-8\n"
        b"slurmstepd: error: Detected 1 oom_kill event in StepId=41.batch.\n"
        b"done\n"
        b"Traceback (most recent call last):\n" + b"x" * 2000 + b" MemoryError\n"
    )
    hits = scan_file(path)
    assert [(h.line_number, h.pattern.name) for h in hits] == [
        (3, "Out of Memory (OOM) Kill"),
        (5, "Python traceback"),
        (6, "Python MemoryError"),
    ]
    assert hits[0].line == "slurmstepd: error: Detected 1 oom_kill event in StepId=41.batch."
    assert hits[0].path == path
    assert len(hits[2].line) <= 500  # a long line is cut


def test_allocation_logs_are_the_workflows_slurm_and_runner_logs(tmp_path: Path) -> None:
    names = [
        "slurm_output_wf3_sl41.o",
        "slurm_output_wf3_sl41.e",
        "slurm_output_wf3_sl9.e",
        "job_runner_slurm_wf3_sl41_n0_pid77.log",
        "dmesg_slurm_wf3_sl41_n0_pid77.log",
        "slurm_output_500.e",  # the guide's name without the workflow: one of this workflow's
        "slurm_output_501.e",  # ... and one that is not
        "job_runner_slurm_500_node1_77.log",  # the runner's names: by Slurm job id alone
        "dmesg_slurm_500_node1_77.log",
        "job_runner_slurm_501_node1_77.log",
        "slurm_env_500_node1_77.log",  # environment variables only
        "slurm_env_wf3_sl41_n0_pid77.log",
        "slurm_output_wf33_sl41.e",  # another workflow
        "slurm_output_wf13_sl41.e",
        "job_runner_node1_3_1.log",  # a local runner
        "worker_wf3_123_1.sh",
    ]
    for name in names:
        (tmp_path / name).write_text("x\n")
    (tmp_path / "slurm_output_wf3_sl42.e").mkdir()  # not a file
    found = allocation_logs(tmp_path, 3, known_job_ids={"500", "41"})
    assert [(log.slurm_job_id, log.path.name) for log in found] == [
        ("9", "slurm_output_wf3_sl9.e"),
        ("41", "dmesg_slurm_wf3_sl41_n0_pid77.log"),
        ("41", "job_runner_slurm_wf3_sl41_n0_pid77.log"),
        ("41", "slurm_output_wf3_sl41.e"),
        ("41", "slurm_output_wf3_sl41.o"),
        ("500", "dmesg_slurm_500_node1_77.log"),
        ("500", "job_runner_slurm_500_node1_77.log"),
        ("500", "slurm_output_500.e"),
    ]


def test_stdio_paths_name_the_workflow_and_the_slurm_job(tmp_path: Path) -> None:
    assert slurm_stdout(tmp_path, 3, 41) == tmp_path / "slurm_output_wf3_sl41.o"
    assert slurm_stderr(tmp_path, 3, "41") == tmp_path / "slurm_output_wf3_sl41.e"

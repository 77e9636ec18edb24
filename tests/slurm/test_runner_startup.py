"""`torc-slurm-job-runner` before it reaches the server, outside Slurm: the allocation's
variables are given as input, and nothing listens at the URL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from torc_runner.slurm import jitter

RUNNER = str(Path(sys.executable).parent / "torc-slurm-job-runner")


def test_an_unreachable_server_is_one_line_naming_the_url(tmp_path: Path) -> None:
    """Outside Slurm: the allocation's variables as input, and a port where nothing listens."""
    url = "http://127.0.0.1:9/torc-service/v1"
    env = {**os.environ, "SLURM_JOB_ID": "77", "SLURM_CPUS_ON_NODE": "1"}
    done = subprocess.run(
        [RUNNER, url, "1", str(tmp_path / "out"), "--wait-for-server-seconds", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("torc-slurm-job-runner: error: no answer within 1 s"), done.stderr
    assert url in last and "Traceback" not in done.stderr
    [log] = (tmp_path / "out").glob("job_runner_slurm_77_*.log")
    assert url in log.read_text().strip().splitlines()[-1]
    [env_log] = (tmp_path / "out").glob("slurm_env_77_*.log")
    assert "SLURM_JOB_ID=77\n" in env_log.read_text()


def test_outside_an_allocation_is_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_JOB")}
    done = subprocess.run(
        [RUNNER, "http://127.0.0.1:9/torc-service/v1", "1", "out"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("torc-slurm-job-runner: error: SLURM_JOB_ID is not set")
    assert len(done.stderr.strip().splitlines()) == 1


def test_bad_arguments_are_one_line() -> None:
    done = subprocess.run(
        [RUNNER, "http://x", "abc", "out"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "torc-slurm-job-runner: error: the workflow id must be a whole number, not 'abc' "
        "(see torc-slurm-job-runner --help)"
    )


def test_the_url_may_come_from_torc_api_url(tmp_path: Path) -> None:
    """The guide's short form `torc-slurm-job-runner WORKFLOW_ID --num-cpus 32`: the server
    from TORC_API_URL, the logs in ./output."""
    url = "http://127.0.0.1:9/torc-service/v1"
    env = {**os.environ, "SLURM_JOB_ID": "78", "TORC_API_URL": url}
    done = subprocess.run(
        [RUNNER, "5", "--num-cpus", "32", "--wait-for-server-seconds", "0"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert url in done.stderr.strip().splitlines()[-1]
    [log] = (tmp_path / "output").glob("job_runner_slurm_78_*.log")
    assert "workflow 5" in log.read_text()
    no_url = {k: v for k, v in env.items() if k != "TORC_API_URL"}
    done = subprocess.run([RUNNER, "5"], env=no_url, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "no server URL" in done.stderr


def test_the_startup_delay_is_this_runner_s_place_in_the_window(tmp_path: Path) -> None:
    """The runner sleeps the delay derived from its host, Slurm job, node and pid, before its
    first request."""
    env = {**os.environ, "SLURM_JOB_ID": "79", "SLURM_NODEID": "0", "SLURMD_NODENAME": "n1"}
    done = subprocess.run(
        [
            *(RUNNER, "http://127.0.0.1:9/torc-service/v1", "1", str(tmp_path)),
            *("--startup-delay-seconds", "3", "--wait-for-server-seconds", "0"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    [log] = tmp_path.glob("job_runner_slurm_79_n1_*.log")
    pid = int(log.name.rsplit("_", 1)[1].removesuffix(".log"))
    lines = log.read_text().splitlines()
    expected = jitter.startup_delay(3.0, "n1", "79", "0", pid)
    assert any(f"startup delay {expected:.2f} s (window 3 s)" in line for line in lines), lines
    if expected > 0.5:  # the delay came before the first request
        stamps = [datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f") for line in lines]
        assert (stamps[2] - stamps[1]).total_seconds() >= expected - 0.1

"""`torc reports check-resource-utilization` and `torc reports results`, against a workflow run
for real with `torc run` (resource monitoring on) on the session's server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer

TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]


def _env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
    env.update(XDG_CONFIG_HOME=str(root / "xdg"), TORC_SYSTEM_CONFIG=str(root / "none"))
    return env


@dataclass
class Ran:
    server: RunningServer
    root: Path
    workflow_id: int
    jobs: dict[str, int]  # name -> id

    @property
    def output(self) -> Path:
        return self.root / "out"

    def torc(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*TORC, "--url", self.server.url, *args],
            cwd=self.root,
            env=_env(self.root),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    def json(self, *args: str) -> dict[str, Any]:
        done = self.torc("-f", "json", *args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


def _python(code: str) -> str:
    return f"{sys.executable} -c {json.dumps(code)}"


@pytest.fixture(scope="module")
def ran(server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Ran:
    """A workflow of three jobs: one over its memory and runtime, one well within its
    requirements, one failing; run once with `torc run`."""
    root = tmp_path_factory.mktemp("reports")
    spec = {
        "name": f"reports-{uuid.uuid4().hex[:10]}",
        "resource_monitor": {
            "enabled": True,
            "granularity": "summary",
            "sample_interval_seconds": 1,
        },
        "jobs": [
            {
                "name": "mem_hog",
                "command": _python(
                    "import time; block = b'x' * (80 * 1024 * 1024); time.sleep(2.5)"
                ),
                "resource_requirements": "too_small",
            },
            {
                "name": "modest",
                "command": _python("import time; time.sleep(2.2)"),
                "resource_requirements": "roomy",
            },
            {
                "name": "broken",
                "command": _python("import sys; sys.stderr.write('boom'); sys.exit(3)"),
                "resource_requirements": "roomy",
            },
        ],
        "resource_requirements": [
            {"name": "too_small", "num_cpus": 1, "memory": "1m", "runtime": "PT1S"},
            {"name": "roomy", "num_cpus": 1, "memory": "4g", "runtime": "PT1H"},
        ],
    }
    (root / "wf.json").write_text(json.dumps(spec))
    done = subprocess.run(
        [*TORC, "--url", server.url, "run", "wf.json", "-o", "out", "-p", "0.2"],
        cwd=root,
        env=_env(root),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the failing job
    workflow_id = int(done.stdout.split("Created workflow ")[1].split()[0])
    with httpx.Client(base_url=server.url, timeout=30) as http:
        page = http.get("/jobs", params={"workflow_id": workflow_id, "limit": 100}).json()
    return Ran(server, root, workflow_id, {job["name"]: job["id"] for job in page["items"]})


# ---- check-resource-utilization --------------------------------------------------------------


def _violations(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(v["job_name"], v["resource_type"]) for v in report["violations"]}


def test_check_reports_the_jobs_over_their_requirements(ran: Ran) -> None:
    report = ran.json("reports", "check-resource-utilization", str(ran.workflow_id))
    assert set(report) == {
        "workflow_id",
        "run_id",
        "total_results",
        "over_utilization_count",
        "violations",
    }
    assert report["workflow_id"] == ran.workflow_id
    assert report["run_id"] is None
    assert report["total_results"] == 2  # the completed jobs
    assert {("mem_hog", "Memory"), ("mem_hog", "Runtime")} <= _violations(report)
    assert not any(name == "modest" for name, _ in _violations(report))
    assert report["over_utilization_count"] == len(report["violations"])
    memory = next(
        v
        for v in report["violations"]
        if v["job_name"] == "mem_hog" and v["resource_type"] == "Memory"
    )
    assert memory["job_id"] == ran.jobs["mem_hog"]
    assert memory["specified"] == "1.0 MB"
    assert memory["peak_used"].endswith(" MB")
    assert memory["over_utilization"].startswith("+")
    assert set(memory) == {
        "job_id",
        "job_name",
        "resource_type",
        "specified",
        "peak_used",
        "over_utilization",
    }


def test_check_all_shows_the_jobs_within_limits(ran: Ran) -> None:
    report = ran.json("reports", "check-resource-utilization", str(ran.workflow_id), "--all")
    modest = [v for v in report["violations"] if v["job_name"] == "modest"]
    assert {v["resource_type"] for v in modest} >= {"Memory", "Runtime"}
    assert all(v["over_utilization"].startswith("-") for v in modest)
    assert report["over_utilization_count"] < len(report["violations"])


def test_check_include_failed_adds_the_failed_jobs(ran: Ran) -> None:
    report = ran.json(
        "reports", "check-resource-utilization", str(ran.workflow_id), "--include-failed"
    )
    assert report["total_results"] == 3
    assert report["failed_jobs_count"] == 1
    (failed,) = report["failed_jobs"]
    assert failed["job_id"] == ran.jobs["broken"]
    assert failed["job_name"] == "broken"
    assert failed["return_code"] == 3
    assert failed["configured_memory"] == "4g"
    assert failed["configured_runtime"] == "PT1H"
    assert failed["configured_cpus"] == 1


def test_check_by_run_id(ran: Ran) -> None:
    wf = str(ran.workflow_id)
    first = ran.json("reports", "check-resource-utilization", wf, "--run-id", "1")
    assert first["run_id"] == 1
    assert first["total_results"] == 2
    none = ran.json("reports", "check-resource-utilization", wf, "-r", "99")
    assert none["total_results"] == 0 and none["violations"] == []
    done = ran.torc("reports", "check-resource-utilization", wf, "-r", "99")
    assert done.returncode == 0
    assert done.stdout == f"No completed job results found for workflow {wf}\n"


def test_check_as_a_table(ran: Ran) -> None:
    done = ran.torc("reports", "check-resource-utilization", str(ran.workflow_id))
    assert done.returncode == 0, done.stderr
    report = ran.json("reports", "check-resource-utilization", str(ran.workflow_id))
    count = report["over_utilization_count"]
    assert f"⚠ Found {count} resource over-utilization violations:" in done.stdout
    for header in ("Job ID", "Job Name", "Resource", "Specified", "Peak Used"):
        assert header in done.stdout
    assert "mem_hog" in done.stdout and "modest" not in done.stdout
    assert "Note: Use --all to see all jobs" in done.stdout


def test_check_without_a_workflow_id_and_no_terminal_is_one_line(ran: Ran) -> None:
    done = ran.torc("reports", "check-resource-utilization")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("torc: ") and "workflow ID" in done.stderr


# ---- results ---------------------------------------------------------------------------------


def test_results_lists_every_log_path(ran: Ran) -> None:
    done = ran.torc("reports", "results", str(ran.workflow_id), "--output-dir", "out")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    assert set(report) == {
        "workflow_id",
        "workflow_name",
        "workflow_user",
        "all_runs",
        "total_results",
        "results",
    }
    assert report["workflow_id"] == ran.workflow_id
    assert report["workflow_name"].startswith("reports-")
    assert report["all_runs"] is False
    assert report["total_results"] == 3 == len(report["results"])
    by_name = {r["job_name"]: r for r in report["results"]}
    broken = by_name["broken"]
    wf, job = ran.workflow_id, ran.jobs["broken"]
    assert broken["job_id"] == job
    assert broken["status"] == "failed"
    assert broken["return_code"] == 3
    assert broken["run_id"] == 1
    assert broken["compute_node_type"] == "local"
    assert broken["job_stdout"] == f"out/job_stdio/job_{wf}_{job}_1.o"
    assert broken["job_stderr"] == f"out/job_stdio/job_{wf}_{job}_1.e"
    assert broken["job_runner_log"] == f"out/job_runner_{socket.gethostname()}_{wf}_1.log"
    assert (ran.root / broken["job_stderr"]).read_text() == "boom"
    assert (ran.root / broken["job_runner_log"]).is_file()
    for record in report["results"]:
        assert set(record) >= {
            "job_id",
            "job_name",
            "status",
            "run_id",
            "return_code",
            "completion_time",
            "exec_time_minutes",
            "compute_node_id",
            "compute_node_type",
            "job_stdout",
            "job_stderr",
            "job_runner_log",
        }


def test_results_warns_about_missing_log_files(ran: Ran, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(ran.output), str(copy)], check=True)
    wf, job = ran.workflow_id, ran.jobs["modest"]
    stdout = copy / "job_stdio" / f"job_{wf}_{job}_1.o"
    stdout.unlink()
    done = ran.torc("reports", "results", str(wf), "-o", str(copy))
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        f"Warning: job stdout log file does not exist for job {job}: {stdout}"
    ]
    assert len(json.loads(done.stdout)["results"]) == 3  # the report is whole all the same


def test_results_needs_an_existing_output_directory(ran: Ran) -> None:
    done = ran.torc("reports", "results", str(ran.workflow_id), "--output-dir", "nowhere")
    assert done.returncode == 1
    assert done.stderr == "torc: output directory does not exist: nowhere\n"
    assert done.stdout == ""


def test_results_output_dir_defaults_to_the_configured_run_output_dir(ran: Ran) -> None:
    (ran.root / "torc.toml").write_text('[client.run]\noutput_dir = "out"\n')
    try:
        done = ran.torc("reports", "results", str(ran.workflow_id))
    finally:
        (ran.root / "torc.toml").unlink()
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"][0]["job_stdout"].startswith("out/")


def test_results_all_runs_includes_earlier_runs(ran: Ran, tmp_path: Path) -> None:
    # A workflow of its own, run twice: the second run repeats the failed job only.
    spec = {
        "name": f"reruns-{uuid.uuid4().hex[:10]}",
        "jobs": [
            {"name": "ok", "command": "true"},
            {"name": "flaky", "command": "exit 1"},
        ],
    }
    (tmp_path / "wf.json").write_text(json.dumps(spec))
    rerun = Ran(ran.server, tmp_path, 0, {})
    first = rerun.torc("run", "wf.json", "-o", "out", "-p", "0.2")
    assert first.returncode == 1, first.stderr
    rerun.workflow_id = int(first.stdout.split("Created workflow ")[1].split()[0])
    wf = str(rerun.workflow_id)
    from torc import make_api
    from torc.manager import reset_status

    api = make_api(ran.server.url)
    try:
        reset_status(api, rerun.workflow_id, failed_only=True, restart=True)  # a new run
    finally:
        api.close()
    second = rerun.torc("run", wf, "-o", "out", "-p", "0.2")
    assert second.returncode == 1, second.stderr
    latest = rerun.json("reports", "results", wf, "-o", "out")
    every = rerun.json("reports", "results", wf, "-o", "out", "--all-runs")
    assert every["all_runs"] is True
    assert sorted((r["job_name"], r["run_id"]) for r in latest["results"]) == [
        ("flaky", 2),
        ("ok", 1),
    ]
    assert sorted((r["job_name"], r["run_id"]) for r in every["results"]) == [
        ("flaky", 1),
        ("flaky", 2),
        ("ok", 1),
    ]
    paths = {(r["job_name"], r["run_id"]): r["job_stdout"] for r in every["results"]}
    assert paths[("flaky", 1)].endswith("_1.o") and paths[("flaky", 2)].endswith("_2.o")

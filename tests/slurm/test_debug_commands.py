"""`torc slurm parse-logs`, `torc slurm sacct` and `torc reports results` for allocations recorded
on a real server: the allocations, their runners (compute nodes) and results are created over
the API as the Slurm runner records them, and the log files are written where sbatch puts them.

The runs on the real Slurm cluster are in test_debug_on_slurm.py.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.helpers import (
    compute_node_body,
    create_job,
    create_workflow,
    ok,
    result_body,
)
from tests.cli.conftest import BIN, Cli, cli_env
from tests.conftest import RunningServer
from torc_runner.slurm import tools


@pytest.fixture
def cli(server: RunningServer, tmp_path: Path) -> Iterator[Cli]:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    yield Cli(server.url, work, cli_env(server.url, home))


@dataclass
class Allocations:
    """A workflow whose jobs ran in two Slurm allocations (and one job on a local runner)."""

    workflow_id: int
    jobs: dict[str, int]  # name -> id
    output: Path


def _allocation(http: httpx.Client, wf: int, slurm_job_id: int) -> dict[str, Any]:
    body = {
        "workflow_id": wf,
        "scheduler_id": slurm_job_id,
        "scheduler_config_id": 1,
        "scheduler_type": "slurm",
        "status": "complete",
    }
    return ok(http.post("/scheduled_compute_nodes", json=body))


def _runner(
    http: httpx.Client, wf: int, scheduled: dict[str, Any] | None, slurm_job_id: int | None
) -> dict[str, Any]:
    if scheduled is None:
        return ok(http.post("/compute_nodes", json=compute_node_body(wf)))
    scheduler: dict[str, Any] = {"scheduler_id": scheduled["id"], "type": "slurm"}
    if slurm_job_id is not None:
        scheduler["slurm_job_id"] = str(slurm_job_id)
    body = compute_node_body(wf, compute_node_type="slurm", scheduler=scheduler, pid=77)
    return ok(http.post("/compute_nodes", json=body))


@pytest.fixture
def ran(http: httpx.Client, cli: Cli) -> Allocations:
    wf = create_workflow(http)["id"]
    names = ("prep", "train", "report", "local", "stuck")
    jobs = {name: create_job(http, wf, name)["id"] for name in names}
    first = _allocation(http, wf, 5001)
    second = _allocation(http, wf, 5002)
    _allocation(http, wf, 5003)  # an allocation whose runner never started
    in_first = _runner(http, wf, first, 5001)
    in_second = _runner(http, wf, second, None)  # found through the scheduled compute node
    local = _runner(http, wf, None, None)
    for name, node in (
        ("prep", in_first),
        ("train", in_first),
        ("report", in_second),
        ("local", local),
    ):
        ok(http.post("/results", json=result_body(jobs[name], wf, 0, node["id"])))
    # "stuck" was running in the second allocation when it died: no result, still running there
    ok(http.post(f"/workflows/{wf}/initialize_jobs"))
    run_id = ok(http.get(f"/workflows/{wf}/status"))["run_id"]
    ok(http.post(f"/workflows/{wf}/claim_next_jobs", params={"limit": 10}))
    ok(http.put(f"/jobs/{jobs['stuck']}/start_job/{run_id}/{in_second['id']}"))
    output = cli.cwd / "output"
    output.mkdir()
    (output / f"slurm_output_wf{wf}_sl5001.o").write_text("runner started\nall good\n")
    (output / f"slurm_output_wf{wf}_sl5001.e").write_text(
        "loading modules\n"
        "slurmstepd: error: Detected 1 oom_kill event in StepId=5001.batch. Some of the step "
        "tasks have been OOM Killed.\n"
    )
    (output / f"slurm_output_wf{wf}_sl5002.e").write_text(
        "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n"
        "httpx.ConnectError: [Errno 111] Connection refused\n"
    )
    (output / "job_runner_slurm_5002_node-1_77.log").write_text(
        "INFO started\nslurmstepd: error: *** JOB 5002 ON n1 CANCELLED AT 2026-12-05 DUE TO TIME "
        "LIMIT ***\n"
    )
    # another workflow's allocation in the same directory
    (output / f"slurm_output_wf{wf + 1000}_sl5001.e").write_text("Segmentation fault\n")
    return Allocations(wf, jobs, output)


def _errors(report: dict[str, Any]) -> list[tuple[str, int, str, str, list[str]]]:
    return [
        (
            Path(e["file"]).name,
            e["line_number"],
            e["pattern"],
            e["severity"],
            [j["job_name"] for j in e["affected_jobs"]],
        )
        for e in report["errors"]
    ]


def test_parse_logs_names_each_failure_and_the_jobs_of_its_allocation(
    cli: Cli, ran: Allocations
) -> None:
    wf = ran.workflow_id
    report = cli.json("slurm", "parse-logs", str(wf))
    assert report["workflow_id"] == wf
    assert report["total_errors"] == 4
    assert _errors(report) == [
        (
            f"slurm_output_wf{wf}_sl5001.e",
            2,
            "Out of Memory (OOM) Kill",
            "critical",
            ["prep", "train"],
        ),
        (
            "job_runner_slurm_5002_node-1_77.log",
            2,
            "DUE TO TIME LIMIT",
            "critical",
            ["report", "stuck"],  # stuck: started there, never finished
        ),
        (f"slurm_output_wf{wf}_sl5002.e", 1, "CUDA out of memory", "error", ["report", "stuck"]),
        (f"slurm_output_wf{wf}_sl5002.e", 2, "Connection refused", "warning", ["report", "stuck"]),
    ]
    first = report["errors"][0]
    assert first["slurm_job_id"] == "5001"
    assert first["line"].startswith("slurmstepd: error: Detected 1 oom_kill event")
    assert {j["job_id"] for j in first["affected_jobs"]} == {ran.jobs["prep"], ran.jobs["train"]}
    assert len(report["files_scanned"]) == 4


def test_parse_logs_errors_only_skips_warnings(cli: Cli, ran: Allocations) -> None:
    report = cli.json("slurm", "parse-logs", str(ran.workflow_id), "--errors-only")
    assert [e["pattern"] for e in report["errors"]] == [
        "Out of Memory (OOM) Kill",
        "DUE TO TIME LIMIT",
        "CUDA out of memory",
    ]


def test_parse_logs_table(cli: Cli, ran: Allocations) -> None:
    text = cli.ok("slurm", "parse-logs", str(ran.workflow_id))
    assert "Found 4 error(s) in log files:" in text
    oom = next(line for line in text.splitlines() if "Out of Memory (OOM) Kill" in line)
    cells = [cell.strip() for cell in oom.split("│")[1:-1]]
    prep, train = ran.jobs["prep"], ran.jobs["train"]
    assert cells == [
        f"slurm_output_wf{ran.workflow_id}_sl5001.e",
        "5001",
        "2",
        "Out of Memory (OOM) Kill",
        "critical",
        f"prep (ID: {prep}), train (ID: {train})",
    ]


def test_parse_logs_in_another_output_dir(cli: Cli, ran: Allocations) -> None:
    moved = cli.cwd / "elsewhere"
    ran.output.rename(moved)
    (cli.cwd / "output").mkdir()
    assert "No Slurm log files found" in cli.ok("slurm", "parse-logs", str(ran.workflow_id))
    report = cli.json("slurm", "parse-logs", str(ran.workflow_id), "--output-dir", str(moved))
    assert report["total_errors"] == 4


def test_parse_logs_with_clean_logs(cli: Cli, ran: Allocations) -> None:
    for path in ran.output.iterdir():
        path.write_text("nothing to see\n")
    text = cli.ok("slurm", "parse-logs", str(ran.workflow_id))
    assert "No errors found in 4 log file(s)." in text
    assert cli.json("slurm", "parse-logs", str(ran.workflow_id))["errors"] == []


def test_parse_logs_needs_an_existing_output_dir(cli: Cli, ran: Allocations) -> None:
    line = cli.fails("slurm", "parse-logs", str(ran.workflow_id), "-o", "missing")
    assert "output directory does not exist: missing" in line


def test_parse_logs_of_an_unknown_workflow_is_one_line(cli: Cli) -> None:
    (cli.cwd / "output").mkdir()
    line = cli.fails("slurm", "parse-logs", "987654321")
    assert "987654321" in line


def test_sacct_without_slurm_is_one_line(cli: Cli, ran: Allocations) -> None:
    cli.env["PATH"] = BIN  # no Slurm commands on this PATH
    line = cli.fails("slurm", "sacct", str(ran.workflow_id))
    assert line == "torc: sacct not found: Slurm's commands are not installed on this machine"


def test_reports_results_shows_the_slurm_stdio_of_each_allocation(
    cli: Cli, ran: Allocations
) -> None:
    done = cli("reports", "results", str(ran.workflow_id), "--all-runs")
    assert done.returncode == 0 and done.stdout, done.stderr
    report = json.loads(done.stdout)
    by_name = {r["job_name"]: r for r in report["results"]}
    wf = ran.workflow_id
    assert by_name["prep"]["compute_node_type"] == "slurm"
    assert by_name["prep"]["slurm_stdout"] == f"output/slurm_output_wf{wf}_sl5001.o"
    assert by_name["prep"]["slurm_stderr"] == f"output/slurm_output_wf{wf}_sl5001.e"
    assert by_name["train"]["slurm_stderr"] == f"output/slurm_output_wf{wf}_sl5001.e"
    assert "slurm_stdout" not in by_name["local"]
    # the second allocation wrote no stdout file: the report says so
    assert f"slurm stdout log file does not exist for job {ran.jobs['report']}" in done.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not tools.available("sacct"), reason="Slurm's commands are not installed")
def test_sacct_when_accounting_does_not_answer_is_one_line(
    cli: Cli, ran: Allocations, tmp_path: Path
) -> None:
    conf = tmp_path / "slurm.conf"
    conf.write_text(
        "ClusterName=gone\nSlurmctldHost=localhost\nAuthType=auth/munge\n"
        "AccountingStorageType=accounting_storage/slurmdbd\nAccountingStorageHost=127.0.0.1\n"
        f"AccountingStoragePort={_closed_port()}\n"
    )
    cli.env["SLURM_CONF"] = str(conf)
    line = cli.fails("slurm", "sacct", str(ran.workflow_id))
    assert line.startswith("torc: Slurm job 5001: sacct failed (exit 1): "), line
    assert "Connection refused" in line

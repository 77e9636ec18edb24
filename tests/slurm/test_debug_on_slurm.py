"""`torc slurm parse-logs` and `torc slurm sacct` on what the real test cluster recorded.

An allocation asks for 50 MB and its job touches 300 MB: Slurm kills it (the cluster enforces
memory by polling, `OverMemoryKill`) and says so in the allocation's stderr. The torc records of
the runner that would have run in it (scheduled compute node, compute node, result) are created
over the API, as the Slurm runner creates them.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.helpers import compute_node_body, create_job, create_workflow, ok, result_body
from tests.cli.conftest import Cli, cli_env
from tests.conftest import RunningServer
from tests.slurm.conftest import SlurmCluster
from torc_runner.slurm import tools

FINAL_STATES = ("COMPLETED", "FAILED", "CANCELLED", "OUT_OF_MEMORY", "TIMEOUT", "NODE_FAIL")

GREEDY = (
    "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(30)"
)


@pytest.fixture
def cli(slurm_cluster: SlurmCluster, server: RunningServer, tmp_path: Path) -> Iterator[Cli]:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    yield Cli(server.url, work, cli_env(server.url, home))  # SLURM_CONF comes from os.environ


def _submit(output: Path, workflow_id: int, mem: str, command: str) -> str:
    script = output / "greedy.sh"
    script.write_text(
        "#!/bin/bash\n"
        f"#SBATCH --job-name=worker_wf{workflow_id}_1\n"
        f"#SBATCH --mem={mem}\n"
        "#SBATCH --time=00:02:00\n"
        f"#SBATCH --output={output}/slurm_output_wf{workflow_id}_sl%j.o\n"
        f"#SBATCH --error={output}/slurm_output_wf{workflow_id}_sl%j.e\n"
        "echo started\n"
        f"{command}\n"
    )
    return tools.run(["sbatch", "--parsable", str(script)]).strip().split(";")[0]


def _wait_for_accounting(slurm_job_id: str, timeout: float = 90.0) -> str:
    """The allocation's final state once slurmdbd has recorded it."""
    deadline = time.monotonic() + timeout
    state = ""
    while time.monotonic() < deadline:
        out = tools.run(["sacct", "-j", slurm_job_id, "-X", "-n", "-P", "--format=State"])
        state = out.strip().split(" ")[0]
        if state in FINAL_STATES:
            return state
        time.sleep(1)
    raise AssertionError(
        f"Slurm job {slurm_job_id} still {state or 'unrecorded'} after {timeout} s"
    )


def _record_runner(http: httpx.Client, wf: int, job_id: int, slurm_job_id: str) -> None:
    scheduled = ok(
        http.post(
            "/scheduled_compute_nodes",
            json={
                "workflow_id": wf,
                "scheduler_id": int(slurm_job_id),
                "scheduler_config_id": 1,
                "scheduler_type": "slurm",
                "status": "complete",
            },
        )
    )
    scheduler = {"scheduler_id": scheduled["id"], "type": "slurm", "slurm_job_id": slurm_job_id}
    node = ok(
        http.post(
            "/compute_nodes",
            json=compute_node_body(wf, compute_node_type="slurm", scheduler=scheduler),
        )
    )
    body = result_body(job_id, wf, 0, node["id"], return_code=137, status="failed")
    ok(http.post("/results", json=body))


def test_an_allocation_over_its_memory_is_named_and_accounted(cli: Cli, http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    job = create_job(http, wf, "greedy")
    output = cli.cwd / "output"
    output.mkdir()
    slurm_job_id = _submit(output, wf, "50M", f"{sys.executable} -c {json.dumps(GREEDY)}")
    _record_runner(http, wf, job["id"], slurm_job_id)
    assert _wait_for_accounting(slurm_job_id) in ("FAILED", "CANCELLED", "OUT_OF_MEMORY")

    report = cli.json("slurm", "parse-logs", str(wf))
    stderr_name = f"slurm_output_wf{wf}_sl{slurm_job_id}.e"
    memory = [
        e
        for e in report["errors"]
        if Path(e["file"]).name == stderr_name and e["pattern"] == "Exceeded job memory limit"
    ]
    assert memory, report
    assert memory[0]["severity"] == "critical"
    assert memory[0]["slurm_job_id"] == slurm_job_id
    assert memory[0]["affected_jobs"] == [{"job_id": job["id"], "job_name": "greedy"}]
    table = cli.ok("slurm", "parse-logs", str(wf))
    assert "Exceeded job memory limit" in table and f"greedy (ID: {job['id']})" in table

    accounted = cli.json("slurm", "sacct", str(wf), "--save-json")
    assert accounted["slurm_job_ids"] == [slurm_job_id]
    assert accounted["errors"] == []
    # the allocation's own line and its batch step (right after the job ends, slurmdbd may still
    # name the allocation "allocation" rather than its --job-name: the name is not checked)
    steps: list[dict[str, Any]] = accounted["steps"]
    assert {s["slurm_job_id"] for s in steps} == {slurm_job_id}
    (own,) = [s for s in steps if s["step_id"] == ""]
    assert own["state"] in ("FAILED", "CANCELLED", "OUT_OF_MEMORY")
    batch = [s for s in steps if s["step_id"] == "batch"]
    assert any(s["max_rss_bytes"] > 50 * 2**20 for s in batch)  # it used more than it asked
    saved = json.loads((output / f"sacct_{slurm_job_id}.json").read_text())
    assert [j["job_id"] for j in saved["jobs"]] == [int(slurm_job_id)]
    assert accounted["saved_json"] == [f"output/sacct_{slurm_job_id}.json"]

    table = cli.ok("slurm", "sacct", str(wf))
    assert f"Slurm Accounting Summary for Workflow {wf}" in table
    batch = next(line for line in table.splitlines() if "│ batch" in line)
    cells = [cell.strip() for cell in batch.split("│")[1:-1]]
    assert cells[0] == slurm_job_id
    assert cells[5].endswith("MB")  # Max RSS


def test_sacct_of_an_allocation_slurm_never_ran_warns(cli: Cli, http: httpx.Client) -> None:
    wf = create_workflow(http)["id"]
    ok(
        http.post(
            "/scheduled_compute_nodes",
            json={
                "workflow_id": wf,
                "scheduler_id": 999999,
                "scheduler_config_id": 1,
                "scheduler_type": "slurm",
                "status": "pending",
            },
        )
    )
    done = cli("-f", "json", "slurm", "sacct", str(wf))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Slurm job 999999" in done.stderr
    assert json.loads(done.stdout)["errors"][0]["slurm_job_id"] == "999999"

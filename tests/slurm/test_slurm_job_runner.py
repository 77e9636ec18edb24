"""`torc-slurm-job-runner` in real allocations of the test cluster (`slurm_cluster`): sbatch
starts the installed runner, which talks to the session's server on 127.0.0.1.

Each test submits its own workflow and records the allocation as a scheduled compute node, as
`torc slurm schedule-nodes` does after sbatch answers.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer
from tests.runner.conftest import TORC, Api, wait_for
from torc import make_api
from torc.manager import initialize_if_needed
from torc_runner.slurm import tools

RUNNER = str(Path(sys.executable).parent / "torc-slurm-job-runner")
SCHEDULER = {"name": "test", "account": "root", "walltime": "00:02:00", "nodes": 1}

pytestmark = pytest.mark.usefixtures("slurm_cluster")


class Allocations:
    """Submitting runner scripts for one workflow and following them."""

    def __init__(self, server: RunningServer, api: Api, workflow_id: int, work: Path) -> None:
        self.server, self.api, self.workflow_id, self.work = server, api, workflow_id, work
        self.out = work / "out"
        self.out.mkdir(parents=True, exist_ok=True)
        [scheduler] = api.get("/slurm_schedulers", workflow_id=workflow_id)["items"]
        self.scheduler_id = scheduler["id"]
        self.submitted: list[str] = []

    def submit(
        self, minutes: int = 2, *runner_args: str, sbatch: str = "", launcher: str = "exec"
    ) -> str:
        """sbatch a script that execs the runner (so a signal to the batch shell reaches it),
        or starts it with `launcher` (srun); answers the Slurm job id after recording the
        scheduled compute node."""
        script = self.work / f"runner_{uuid.uuid4().hex[:8]}.sh"
        script.write_text(
            "#!/bin/bash\n"
            f"#SBATCH --time={minutes}\n"
            f"#SBATCH --chdir={self.work}\n"
            f"#SBATCH --output={self.out}/slurm_output_wf{self.workflow_id}_sl%j.o\n"
            f"#SBATCH --error={self.out}/slurm_output_wf{self.workflow_id}_sl%j.e\n"
            + (f"#SBATCH {sbatch}\n" if sbatch else "")
            + f"{launcher} {RUNNER} {self.server.url} {self.workflow_id} {self.out} "
            f"--poll-interval 1 {' '.join(runner_args)}\n"
        )
        job_id = tools.run(["sbatch", "--parsable", str(script)]).strip().split(";")[0]
        self.submitted.append(job_id)
        record = {
            "workflow_id": self.workflow_id,
            "scheduler_id": int(job_id),
            "scheduler_config_id": self.scheduler_id,
            "scheduler_type": "slurm",
            "status": "pending",
        }
        answer = httpx.post(f"{self.server.url}/scheduled_compute_nodes", json=record)
        assert answer.status_code == 200, answer.text
        return job_id

    def wait_gone(self, job_id: str, timeout: float = 90) -> None:
        """Until Slurm no longer lists the job as pending or running."""

        def gone() -> bool:
            try:
                state = tools.run(["squeue", "-h", "-j", job_id, "-o", "%T"]).strip()
            except tools.SlurmError:
                return True
            return state in ("", "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT")

        wait_for(gone, timeout=timeout, what=f"Slurm job {job_id} to end")

    def scheduled(self) -> dict[int, str]:
        items = self.api.get("/scheduled_compute_nodes", workflow_id=self.workflow_id)["items"]
        return {item["scheduler_id"]: item["status"] for item in items}

    def stderr(self, job_id: str) -> str:
        return (self.out / f"slurm_output_wf{self.workflow_id}_sl{job_id}.e").read_text()

    def cancel_all(self) -> None:
        for job_id in self.submitted:
            subprocess.run(["scancel", job_id], capture_output=True, check=False)


@pytest.fixture
def setup(server: RunningServer, tmp_path: Path):
    api = Api(server.url)
    made: list[Allocations] = []

    def make(spec: dict[str, Any]) -> Allocations:
        spec = {
            "slurm_schedulers": [SCHEDULER],
            "compute_node_expiration_buffer_seconds": 10,
            **spec,
        }
        workflow_id = api.create(spec)
        with make_api(server.url) as sdk:
            initialize_if_needed(sdk, workflow_id)
        made.append(Allocations(server, api, workflow_id, tmp_path))
        return made[-1]

    yield make
    for allocations in made:
        allocations.cancel_all()
    api.close()


def test_an_allocation_runs_the_workflow(setup) -> None:
    alloc = setup(
        {
            "jobs": [
                {"name": "first", "command": "echo $SLURM_JOB_ID > first.txt"},
                {"name": "second", "command": "true", "depends_on": ["first"]},
                {"name": "third", "command": "true"},
            ]
        }
    )
    job_id = alloc.submit()
    alloc.wait_gone(job_id)
    api = alloc.api
    assert set(api.statuses(alloc.workflow_id).values()) == {"completed"}, alloc.stderr(job_id)
    assert (alloc.work / "first.txt").read_text() == f"{job_id}\n"  # ran inside the allocation
    assert alloc.scheduled() == {int(job_id): "complete"}
    [node] = api.compute_nodes(alloc.workflow_id)
    assert node["compute_node_type"] == "slurm" and node["is_active"] is False
    assert node["scheduler"]["slurm_job_id"] == job_id
    assert node["scheduler_config_id"] == alloc.scheduler_id
    assert node["time_limit"] is not None  # the allocation's end was known
    # the files the guide's Slurm debugging chapter names, tagged job_host_pid
    tag = f"{job_id}_{node['hostname']}_{node['pid']}"
    log = (alloc.out / f"job_runner_slurm_{tag}.log").read_text()
    assert "the allocation ends at" in log
    env = (alloc.out / f"slurm_env_{tag}.log").read_text()
    assert f"SLURM_JOB_ID={job_id}\n" in env
    assert "Traceback" not in alloc.stderr(job_id)
    # torc reports results finds every one of them
    report = subprocess.run(
        [
            *TORC,
            "--url",
            alloc.server.url,
            "reports",
            "results",
            str(alloc.workflow_id),
            "--output-dir",
            str(alloc.out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert report.returncode == 0 and "Warning" not in report.stderr, report.stderr
    records = json.loads(report.stdout)["results"]
    assert len(records) == 3
    for key in ("job_runner_log", "slurm_stdout", "slurm_stderr", "slurm_env_log", "dmesg_log"):
        assert Path(records[0][key]).exists(), key


LONG = "if [ -f {name}.started ]; then exit 0; fi; touch {name}.started; sleep 300"


def _long_jobs(count: int) -> list[dict[str, Any]]:
    return [
        {"name": f"long{i}", "command": LONG.format(name=f"long{i}"), "resource_requirements": "r"}
        for i in range(count)
    ]


# declares a runtime that fits any allocation; the first run of each job really takes 300 s
FITS = [{"name": "r", "num_cpus": 1, "memory": "10m", "runtime": "PT1S"}]


def test_a_short_allocation_requeues_its_jobs_and_the_next_finishes_them(setup) -> None:
    """`--time=1` with a 5 s buffer: the runner's deadline is 55 s in; with the 30 s grace,
    running jobs get their signal about 25 s in, go back to ready, and the runner exits 0 well
    before Slurm's limit. A second allocation runs them again and they finish."""
    alloc = setup(
        {
            "compute_node_expiration_buffer_seconds": 5,
            "jobs": _long_jobs(2),
            "resource_requirements": FITS,
        }
    )
    first = alloc.submit(1, "--num-cpus", "2")
    wait_for(
        lambda: set(alloc.api.statuses(alloc.workflow_id).values()) == {"running"},
        timeout=40,
        what="both jobs to run",
    )
    alloc.wait_gone(first, timeout=60)
    assert set(alloc.api.statuses(alloc.workflow_id).values()) == {"ready"}, alloc.stderr(first)
    results = alloc.api.results(alloc.workflow_id)
    assert sorted(r["status"] for r in results) == ["terminated", "terminated"]
    [log] = alloc.out.glob(f"job_runner_slurm_{first}_*.log")
    text = log.read_text()
    assert "the allocation's end time is near" in text
    assert "requeued 2 terminated jobs" in text
    # after terminations the kernel's messages are kept, for OOM kills and the like
    assert log.name.replace("job_runner_slurm_", "dmesg_slurm_") in {
        path.name for path in alloc.out.glob("dmesg_slurm_*.log")
    }
    assert "Traceback" not in alloc.stderr(first)
    assert alloc.scheduled()[int(first)] == "complete"

    second = alloc.submit(2, "--num-cpus", "2")
    alloc.wait_gone(second)
    assert set(alloc.api.statuses(alloc.workflow_id).values()) == {"completed"}
    assert alloc.scheduled() == {int(first): "complete", int(second): "complete"}


def test_sigterm_from_slurm_requeues_running_jobs(setup) -> None:
    """What `--signal=B:TERM@N` does before the time limit: the runner stops as at its deadline."""
    alloc = setup({"jobs": _long_jobs(1), "resource_requirements": FITS})
    job_id = alloc.submit()
    wait_for(
        lambda: alloc.api.statuses(alloc.workflow_id)["long0"] == "running",
        timeout=40,
        what="the job to run",
    )
    assert alloc.scheduled() == {int(job_id): "active"}
    tools.run(["scancel", "--batch", f"--signal={signal.SIGTERM.value}", job_id])
    alloc.wait_gone(job_id, timeout=40)
    assert alloc.api.statuses(alloc.workflow_id) == {"long0": "ready"}
    [log] = alloc.out.glob(f"job_runner_slurm_{job_id}_*.log")
    assert "received SIGTERM" in log.read_text()
    assert alloc.scheduled() == {int(job_id): "complete"}


def test_two_allocations_at_once_run_no_job_twice(setup) -> None:
    count = 16
    jobs = [
        {"name": f"j{i:02d}", "command": "sleep 0.3; echo $SLURM_JOB_ID >> ran/$TORC_JOB_ID"}
        for i in range(count)
    ]
    alloc = setup({"jobs": jobs})
    (alloc.work / "ran").mkdir()
    submitted = [alloc.submit(), alloc.submit()]
    for job_id in submitted:
        alloc.wait_gone(job_id)
    assert set(alloc.api.statuses(alloc.workflow_id).values()) == {"completed"}
    runs = {path.name: path.read_text().split() for path in (alloc.work / "ran").iterdir()}
    assert len(runs) == count
    assert all(len(ran) == 1 for ran in runs.values()), runs
    assert {ran[0] for ran in runs.values()} <= set(submitted)
    results = alloc.api.results(alloc.workflow_id)
    assert len(results) == count
    assert alloc.scheduled() == {int(j): "complete" for j in submitted}


def test_srun_starts_one_runner_per_task_each_offering_its_share(setup) -> None:
    """`--is-subtask` under srun: two runners in one allocation, each offering its task's CPU and
    half the memory; they share the work, and the allocation is reported once."""
    jobs = [{"name": f"j{i}", "command": "sleep 0.2"} for i in range(6)]
    alloc = setup({"jobs": jobs})
    job_id = alloc.submit(
        2, "--is-subtask", sbatch="--ntasks=2 --cpus-per-task=1 --mem=2000", launcher="srun"
    )
    alloc.wait_gone(job_id)
    assert set(alloc.api.statuses(alloc.workflow_id).values()) == {"completed"}, alloc.stderr(
        job_id
    )
    nodes = alloc.api.compute_nodes(alloc.workflow_id)
    assert len(nodes) == 2
    assert {(n["num_cpus"], round(n["memory_gb"], 3)) for n in nodes} == {
        (1, round(1000 / 1024, 3))
    }
    assert len({n["pid"] for n in nodes}) == 2
    assert alloc.scheduled() == {int(job_id): "complete"}
    assert len(list(alloc.out.glob(f"slurm_env_{job_id}_*.log"))) == 2

"""Submitting allocations to the real test cluster: `torc slurm schedule-nodes`, `torc submit`,
sbatch's refusals, and `torc workflows cancel` canceling what was submitted.

The allocations here ask Slurm to start an hour from now (`--begin`), so they stay queued
whatever the runner inside would do; each test cancels what it submitted.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import TORC, Cli, cli_env
from tests.slurm import cluster
from torc import make_api
from torc_runner.slurm import tools
from torc_runner.slurm.jitter import delay_window
from torc_runner.slurm.submit import SubmissionError, schedule_nodes

HELD = "--begin=now+1hour"


@pytest.fixture
def scli(slurm_cluster, server, tmp_path: Path) -> Iterator[Cli]:
    """`torc` that reaches the test cluster; cancels every allocation its workflows got."""
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    torc = Cli(server.url, tmp_path / "work", cli_env(server.url, tmp_path / "home"))
    torc.env.update(cluster.environment())
    yield torc
    ids = tools.run(["squeue", "-h", "-o", "%i %j"]).splitlines()
    mine = [line.split()[0] for line in ids if f"_{tmp_path.name}_" in line]
    if mine:
        tools.run(["scancel", *mine])


def spec(cli: Cli, *, partition: str = cluster.PARTITION, extra: str = HELD) -> int:
    """A workflow with one Slurm scheduler; its job names carry the test's directory name."""
    text = f"""
        name: NAME
        jobs:
          - name: a
            command: "true"
        slurm_schedulers:
          - name: short
            account: torctest
            partition: {partition}
            walltime: "00:05:00"
            extra: "{extra}"
        """
    return cli.create(textwrap.dedent(text))


def prefix(cli: Cli) -> str:
    return f"t_{cli.cwd.parent.name}_"


def queued(job_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Slurm job id -> (name, state) for those of `job_ids` squeue still shows."""
    said = tools.run(["squeue", "-h", "-j", ",".join(map(str, job_ids)), "-o", "%i|%j|%T"])
    rows = [line.split("|") for line in said.splitlines() if line.strip()]
    return {int(i): (name, state) for i, name, state in rows}


def scheduled(cli: Cli, workflow_id: int) -> list[dict]:
    """The workflow's scheduled compute nodes, as the server has them."""
    api = make_api(cli.url)
    return [node.to_dict() for node in api.iter_scheduled_compute_nodes(workflow_id)]


def test_schedule_nodes_submits_allocations_that_slurm_queues_and_torc_records(
    scli: Cli,
) -> None:
    workflow_id = spec(scli)
    scli.env["TORC_USERNAME"] = "alice"
    scli.env["TORC_PASSWORD"] = "s3cret-pass"
    out = scli.json(
        "slurm", "schedule-nodes", str(workflow_id), "-n", "2", "-j", prefix(scli),
        "--keep-submission-scripts", "-o", "slurm_out", "-p", "30",
    )  # fmt: skip
    allocations = out["allocations"]
    job_ids = [a["slurm_job_id"] for a in allocations]
    assert len(set(job_ids)) == 2
    shown = queued(job_ids)
    assert sorted(shown) == sorted(job_ids)
    assert {state for _, state in shown.values()} == {"PENDING"}
    assert sorted(name for name, _ in shown.values()) == sorted(a["job_name"] for a in allocations)

    nodes = scheduled(scli, workflow_id)
    assert sorted(n["scheduler_id"] for n in nodes) == sorted(job_ids)
    scheduler_id = scli.json("slurm", "list", str(workflow_id))["slurm_schedulers"][0]["id"]
    for node in nodes:
        assert (node["scheduler_type"], node["status"]) == ("slurm", "pending")
        assert node["scheduler_config_id"] == scheduler_id

    for allocation in allocations:
        script = Path(allocation["script"])
        assert script.parent == scli.cwd / "slurm_out"
        text = script.read_text()
        assert f"#SBATCH --job-name={allocation['job_name']}" in text
        assert f"#SBATCH --partition={cluster.PARTITION}" in text
        assert f"#SBATCH {HELD}" in text
        assert "--poll-interval 30 " in text
        assert "--startup-delay-seconds 2" in text  # two runners: a 2 s window
        assert "s3cret-pass" not in text and "TORC_PASSWORD" not in text


def test_sbatch_refusal_is_its_message_on_one_line_and_records_nothing(scli: Cli) -> None:
    workflow_id = spec(scli, partition="nosuchpartition")
    line = scli.fails(
        "slurm", "schedule-nodes", str(workflow_id), "-n", "2", "-j", prefix(scli), "-o", "out"
    )
    assert "sbatch" in line and "invalid partition" in line.lower()
    assert scheduled(scli, workflow_id) == []
    assert list((scli.cwd / "out").glob("*.sh")) == []


def test_scheduler_must_be_chosen_when_there_are_several(scli: Cli) -> None:
    workflow_id = spec(scli)
    scli.json("slurm", "create", str(workflow_id), "-n", "other", "-a", "torctest")
    line = scli.fails("slurm", "schedule-nodes", str(workflow_id))
    assert "--scheduler-config-id" in line and "short" in line and "other" in line


def test_cancel_scancels_the_live_allocations(scli: Cli) -> None:
    workflow_id = spec(scli)
    out = scli.json(
        "slurm", "schedule-nodes", str(workflow_id), "-n", "2", "-j", prefix(scli), "-o", "out"
    )
    job_ids = [a["slurm_job_id"] for a in out["allocations"]]
    assert sorted(queued(job_ids)) == sorted(job_ids)
    canceled = scli.json("workflows", "cancel", str(workflow_id))
    assert canceled["canceled_slurm_jobs"] == 2
    assert {state for _, state in queued(job_ids).values()} <= {"CANCELLED", "COMPLETING"}
    assert {n["status"] for n in scheduled(scli, workflow_id)} == {"complete"}
    # nothing left to cancel the second time
    assert scli.json("workflows", "cancel", str(workflow_id))["canceled_slurm_jobs"] == 0


def test_submit_runs_the_on_workflow_start_action(scli: Cli) -> None:
    name = f"wf_{uuid.uuid4().hex[:8]}"
    path = scli.cwd / "workflow.yaml"
    path.write_text(
        textwrap.dedent(
            f"""
            name: {name}
            execution_config:
              staggered_start: false
            jobs:
              - name: a
                command: "true"
            slurm_schedulers:
              - name: short
                account: torctest
                partition: {cluster.PARTITION}
                walltime: "00:05:00"
                extra: "{HELD}"
            actions:
              - trigger_type: on_workflow_start
                action_type: schedule_nodes
                scheduler: short
                scheduler_type: slurm
                num_allocations: 2
            """
        )
    )
    out = scli.json("submit", str(path))
    workflow_id = out["workflow_id"]
    job_ids = [a["slurm_job_id"] for a in out["allocations"]]
    assert sorted(queued(job_ids)) == sorted(job_ids)
    assert sorted(n["scheduler_id"] for n in scheduled(scli, workflow_id)) == sorted(job_ids)
    assert Path(out["output_dir"]) == scli.cwd / "output"
    # the jobs are ready: the workflow was initialized
    jobs = scli.json("jobs", "list", str(workflow_id))["jobs"]
    assert [j["status"] for j in jobs] == ["ready"]
    # the action ran once: submitting again says so
    again = scli.fails("workflows", "submit", str(workflow_id))
    assert "submitted already" in again and "schedule-nodes" in again
    scli.json("workflows", "cancel", str(workflow_id))


def test_submit_refuses_a_spec_without_a_start_action_and_creates_nothing(scli: Cli) -> None:
    name = f"wf_{uuid.uuid4().hex[:8]}"
    path = scli.cwd / "plain.yaml"
    path.write_text(f"name: {name}\njobs: [{{name: a, command: 'true'}}]\n")
    line = scli.fails("submit", str(path))
    assert "on_workflow_start" in line and "schedule_nodes" in line
    listed = scli.json("workflows", "list", "--all-users")
    assert name not in json.dumps(listed)


def test_startup_delay_follows_the_runner_count_and_staggered_start(
    slurm_cluster, server, tmp_path: Path
) -> None:
    api = make_api(server.url)
    for staggered, expected in ((True, delay_window(3)), (False, 0)):
        workflow = api.create_workflow(
            {
                "name": f"delay_{uuid.uuid4().hex[:6]}",
                "user": "tester",
                "execution_config": json.dumps({"staggered_start": staggered}),
            }
        )
        scheduler = api.create_slurm_scheduler(
            {
                "workflow_id": workflow.id,
                "account": "torctest",
                "nodes": 1,
                "walltime": "00:05:00",
                "extra": HELD,
            }
        )
        allocations = schedule_nodes(
            api, workflow.id, scheduler.id, 3, tmp_path / "out",
            job_prefix=f"t_{tmp_path.name}_", keep_submission_scripts=True, start_one_worker_per_node=True,
        )  # fmt: skip
        try:
            for allocation in allocations:
                assert allocation.script is not None
                text = allocation.script.read_text()
                assert f"--startup-delay-seconds {expected:g}\n" in text
                assert "srun" in text
        finally:
            tools.run(["scancel", *(str(a.slurm_job_id) for a in allocations)])


def test_credentials_reach_the_allocation_through_sbatchs_environment(
    slurm_cluster, tmp_path: Path
) -> None:
    """What schedule_nodes relies on: variables given to sbatch (not written in the script)
    are in the allocation's environment (Slurm's default --export=ALL)."""
    out = tmp_path / "env.txt"
    said = tools.run(
        ["sbatch", "--parsable", f"--output={out}", "--wrap", 'echo "[$TORC_PASSWORD]"'],
        extra_env={"TORC_PASSWORD": "from-env-only"},
    )
    job_id = said.strip().split(";")[0]
    subprocess.run(
        ["bash", "-c", f"while squeue -h -j {job_id} | grep -q .; do sleep 0.3; done"],
        timeout=60,
        check=True,
    )
    assert out.read_text().strip() == "[from-env-only]"


def test_no_slurm_on_the_machine_is_one_clear_line(scli: Cli) -> None:
    """Without sbatch on PATH: one line saying so (nothing submitted, nothing recorded)."""
    workflow_id = spec(scli)
    scli.env["PATH"] = scli.env["PATH"].split(":")[0]  # the virtualenv's bin only
    line = scli.fails("slurm", "schedule-nodes", str(workflow_id))
    assert "sbatch not found" in line
    assert scheduled(scli, workflow_id) == []


def test_scheduler_of_another_workflow_is_refused(slurm_cluster, server) -> None:
    api = make_api(server.url)
    one = api.create_workflow({"name": "one", "user": "tester"})
    two = api.create_workflow({"name": "two", "user": "tester"})
    scheduler = api.create_slurm_scheduler(
        {"workflow_id": one.id, "account": "a", "nodes": 1, "walltime": "00:05:00"}
    )
    with pytest.raises(SubmissionError, match=f"belongs to workflow {one.id}"):
        schedule_nodes(api, two.id, scheduler.id, 1, "out")


def test_standalone_mode_cannot_submit(scli: Cli) -> None:
    """A standalone server ends with the command; allocations would find no server."""
    path = scli.cwd / "w.yaml"
    path.write_text(
        "name: w\njobs: [{name: a, command: 'true'}]\n"
        "slurm_schedulers: [{name: s, account: a, walltime: '00:05:00'}]\n"
        "actions: [{trigger_type: on_workflow_start, action_type: schedule_nodes, "
        "scheduler: s, scheduler_type: slurm, num_allocations: 1}]\n"
    )
    done = subprocess.run(
        [*TORC, "-s", "submit", str(path)],
        cwd=scli.cwd, env=scli.env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "standalone" in done.stderr


def test_slurm_defaults_setting_what_the_scheduler_controls_is_refused(scli: Cli) -> None:
    path = scli.cwd / "defaults.yaml"
    path.write_text(
        textwrap.dedent(
            f"""
            name: wf_{uuid.uuid4().hex[:8]}
            slurm_defaults:
              partition: other
              mail_type: END
            jobs: [{{name: a, command: "true"}}]
            slurm_schedulers:
              - {{name: s, account: torctest, walltime: "00:05:00", extra: "{HELD}"}}
            """
        )
    )
    workflow_id = int(scli.json("workflows", "create", str(path))["id"])
    line = scli.fails("slurm", "schedule-nodes", str(workflow_id), "-o", "out")
    assert "slurm_defaults may not set partition" in line and "mail_type" not in line
    assert scheduled(scli, workflow_id) == []
    assert list((scli.cwd / "out").glob("*.sh")) == []


def test_workflow_defaults_reach_the_submitted_job(scli: Cli) -> None:
    path = scli.cwd / "defaults.yaml"
    path.write_text(
        textwrap.dedent(
            f"""
            name: wf_{uuid.uuid4().hex[:8]}
            slurm_defaults:
              comment: from-defaults
            jobs: [{{name: a, command: "true"}}]
            slurm_schedulers:
              - {{name: s, account: torctest, walltime: "00:05:00", extra: "{HELD}"}}
            """
        )
    )
    workflow_id = int(scli.json("workflows", "create", str(path))["id"])
    out = scli.json("slurm", "schedule-nodes", str(workflow_id), "-j", prefix(scli))
    [allocation] = out["allocations"]
    shown = tools.run(["squeue", "-h", "-j", str(allocation["slurm_job_id"]), "-o", "%k|%l"])
    assert shown.strip() == "from-defaults|5:00"

"""The sbatch script of an allocation: a fixed order of #SBATCH lines, the workflow's defaults
merged, the scheduler's extra options, one runner per node with srun, the startup delay."""

from __future__ import annotations

from pathlib import Path

import pytest

from torc_runner.slurm.script import RunnerCommand, ScriptError, render
from torc_runner.slurm.submit import is_transient

URL = "http://login1:8080/torc-service/v1"
SCHEDULER = {
    "id": 7,
    "name": "standard",
    "extra": "--exclusive --constraint=skylake",
    "tmp": "100G",
    "gres": "gpu:2",
    "mem": "64G",
    "qos": "normal",
    "partition": "compute",
    "nodes": 2,
    "walltime": "04:00:00",
    "account": "my_project",
}


def command(**changes: object) -> RunnerCommand:
    values: dict = {
        "url": URL,
        "workflow_id": 12,
        "output_dir": Path("/scratch/out"),
        "poll_interval": 60,
        "startup_delay_seconds": 0,
    }
    values.update(changes)
    return RunnerCommand(**values)


def sbatch_lines(script: str) -> list[str]:
    return [line for line in script.splitlines() if line.startswith("#SBATCH")]


def test_scheduler_options_come_in_the_documented_order() -> None:
    script = render(SCHEDULER, "worker_wf12_1", command())
    assert script.startswith("#!/bin/bash\n")
    assert sbatch_lines(script) == [
        "#SBATCH --account=my_project",
        "#SBATCH --job-name=worker_wf12_1",
        "#SBATCH --time=04:00:00",
        "#SBATCH --nodes=2",
        "#SBATCH --partition=compute",
        "#SBATCH --qos=normal",
        "#SBATCH --mem=64G",
        "#SBATCH --gres=gpu:2",
        "#SBATCH --tmp=100G",
        "#SBATCH --output=/scratch/out/slurm_output_wf12_sl%j.o",
        "#SBATCH --error=/scratch/out/slurm_output_wf12_sl%j.e",
        "#SBATCH --exclusive",
        "#SBATCH --constraint=skylake",
    ]


def test_same_inputs_give_the_same_script_whatever_the_order_of_the_defaults() -> None:
    one = render(SCHEDULER, "w", command(), {"mail-type": "END", "comment": "x", "requeue": True})
    two = render(SCHEDULER, "w", command(), {"requeue": True, "comment": "x", "mail-type": "END"})
    assert one == two


def test_workflow_defaults_are_sorted_between_the_scheduler_and_extra() -> None:
    defaults = {"mail_type": "END", "requeue": True, "comment": "nightly", "hold": False}
    lines = sbatch_lines(render(SCHEDULER, "w", command(), defaults))
    error = lines.index("#SBATCH --error=/scratch/out/slurm_output_wf12_sl%j.e")
    assert lines[error + 1 : error + 4] == [
        "#SBATCH --comment=nightly",
        "#SBATCH --mail-type=END",
        "#SBATCH --requeue",
    ]
    assert lines[-2:] == ["#SBATCH --exclusive", "#SBATCH --constraint=skylake"]
    assert not any("hold" in line for line in lines)  # false: not given


def test_the_schedulers_own_value_wins_over_a_default() -> None:
    lines = sbatch_lines(render(SCHEDULER, "w", command(), {"qos": "high", "account": "other"}))
    assert "#SBATCH --qos=normal" in lines
    assert "#SBATCH --qos=high" not in lines
    assert [line for line in lines if "account" in line] == ["#SBATCH --account=my_project"]
    without_qos = {k: v for k, v in SCHEDULER.items() if k != "qos"}
    assert "#SBATCH --qos=high" in sbatch_lines(
        render(without_qos, "w", command(), {"qos": "high"})
    )


@pytest.mark.parametrize(
    "key",
    ["partition", "nodes", "walltime", "time", "mem", "gres", "job-name", "job_name", "output"],
)
def test_defaults_may_not_set_what_the_scheduler_controls(key: str) -> None:
    with pytest.raises(ScriptError) as caught:
        render(SCHEDULER, "w", command(), {key: "x", "comment": "ok"})
    message = str(caught.value)
    assert key in message and "slurm_defaults" in message and "\n" not in message
    assert "comment" not in message


def test_extra_keeps_a_separate_value_with_its_option() -> None:
    scheduler = {**SCHEDULER, "extra": "--reservation my-res --signal=B:TERM@300"}
    assert sbatch_lines(render(scheduler, "w", command()))[-2:] == [
        "#SBATCH --reservation my-res",
        "#SBATCH --signal=B:TERM@300",
    ]


def test_one_runner_on_the_batch_host_by_default() -> None:
    script = render(SCHEDULER, "w", command(max_parallel_jobs=8, startup_delay_seconds=4))
    assert f"export TORC_API_URL={URL}\n" in script
    last = script.strip().splitlines()[-1]
    assert last.startswith("exec ")
    assert "srun" not in script and "SLURM_MEM_PER_CPU" not in script
    assert last.split()[1].endswith("torc-slurm-job-runner")
    assert last.split()[2:] == [
        '"$TORC_API_URL"',
        "12",
        "/scratch/out",
        "--poll-interval",
        "60",
        "--max-parallel-jobs",
        "8",
        "--startup-delay-seconds",
        "4",
    ]


def test_one_worker_per_node_runs_one_srun_task_on_each_node() -> None:
    script = render(SCHEDULER, "w", command(start_one_worker_per_node=True))
    lines = script.strip().splitlines()
    assert lines[-3] == 'export TORC_SLURM_MEM_PER_CPU="${SLURM_MEM_PER_CPU:-}"'
    assert lines[-2] == "unset SLURM_MEM_PER_CPU SLURM_MEM_PER_GPU"
    assert lines[-1].startswith(
        'exec srun --nodes="$SLURM_JOB_NUM_NODES" --ntasks="$SLURM_JOB_NUM_NODES" '
        "--ntasks-per-node=1 "
    )
    assert "torc-slurm-job-runner" in lines[-1]
    assert "--max-parallel-jobs" not in lines[-1]


def test_no_credentials_in_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORC_USERNAME", "alice")
    monkeypatch.setenv("TORC_PASSWORD", "s3cret-pass")
    script = render(SCHEDULER, "w", command())
    assert "s3cret-pass" not in script
    assert "TORC_PASSWORD" not in script and "alice" not in script


@pytest.mark.parametrize(
    ("message", "transient"),
    [
        ("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Unable to contact "
         "slurm controller (connect failure)", True),
        ("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Socket timed out "
         "on send/recv operation", True),
        ("sbatch failed (exit 1): sbatch: error: Slurm temporarily unable to accept job, "
         "sleeping and retrying", True),
        ("sbatch did not answer within 120 s", True),
        ("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Invalid partition "
         "name specified", False),
        ("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Invalid account or "
         "account/partition combination specified", False),
        ("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Requested time "
         "limit is invalid (missing or exceeds some limit)", False),
    ],
)  # fmt: skip
def test_only_transient_sbatch_failures_are_tried_again(message: str, transient: bool) -> None:
    assert is_transient(message) is transient

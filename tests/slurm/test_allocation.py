"""What an allocation offers, read from the `SLURM_*` variables Slurm sets (given here as a
mapping: input parsing), its end time as squeue prints it, and the expiration buffer taken once."""

from __future__ import annotations

import time
from datetime import datetime

import psutil
import pytest

from torc_runner.deadline import Deadline
from torc_runner.slurm.allocation import (
    DEFAULT_EXPIRATION_BUFFER_SECONDS,
    Allocation,
    AllocationError,
    expiration_buffer,
    parse_end_time,
    runner_end_time,
)

BATCH = {
    "SLURM_JOB_ID": "4242",
    "SLURM_NODEID": "0",
    "SLURMD_NODENAME": "node07",
    "SLURM_JOB_NUM_NODES": "2",
    "SLURM_CPUS_ON_NODE": "16",
    "SLURM_MEM_PER_NODE": "65536",
    "SLURM_JOB_GPUS": "0,1,3",
}


def test_a_batch_runner_offers_the_whole_node() -> None:
    alloc = Allocation.from_environment(BATCH)
    assert alloc.job_id == "4242" and alloc.hostname == "node07"
    assert alloc.is_head
    assert (alloc.num_cpus, alloc.memory_gb, alloc.num_gpus, alloc.num_nodes) == (16, 64.0, 3, 2)


def test_a_subtask_offers_its_task_cpus_and_its_share_of_memory() -> None:
    env = {
        **BATCH,
        "SLURM_NODEID": "1",
        "SLURM_CPUS_PER_TASK": "4",
        "SLURM_NTASKS_PER_NODE": "4",
        "SLURM_STEP_GPUS": "2",
    }
    alloc = Allocation.from_environment(env, is_subtask=True)
    assert not alloc.is_head
    # the second task on the head node is not the head either
    second = {**env, "SLURM_NODEID": "0", "SLURM_LOCALID": "1"}
    assert not Allocation.from_environment(second, is_subtask=True).is_head
    assert Allocation.from_environment({**second, "SLURM_LOCALID": "0"}).is_head
    assert (alloc.num_cpus, alloc.memory_gb, alloc.num_gpus) == (4, 16.0, 1)
    # the same variables without --is-subtask: the whole node
    assert Allocation.from_environment(env).num_cpus == 16


def test_tasks_per_node_in_slurm_s_repeat_form() -> None:
    env = {**BATCH, "SLURM_TASKS_PER_NODE": "2(x2)"}
    alloc = Allocation.from_environment(env, is_subtask=True)
    assert (alloc.num_cpus, alloc.memory_gb) == (8, 32.0)


def test_memory_per_cpu_when_no_memory_per_node() -> None:
    env = {k: v for k, v in BATCH.items() if k != "SLURM_MEM_PER_NODE"}
    env["SLURM_MEM_PER_CPU"] = "2048"
    assert Allocation.from_environment(env).memory_gb == 32.0


def test_a_worker_per_node_offers_its_node_and_the_saved_memory_per_cpu() -> None:
    """srun started one runner per node: each offers its own node, and the memory per CPU the
    batch script kept (it unsets SLURM_MEM_PER_CPU, which srun would read)."""
    env = {k: v for k, v in BATCH.items() if k != "SLURM_MEM_PER_NODE"}
    env |= {"SLURM_STEP_NUM_TASKS": "2", "SLURM_STEP_NUM_NODES": "2"}
    env["TORC_SLURM_MEM_PER_CPU"] = "1000"
    alloc = Allocation.from_environment(env)
    assert (alloc.num_nodes, alloc.num_cpus) == (1, 16)
    assert alloc.memory_gb == pytest.approx(16 * 1000 / 1024)
    # one task in the step (the batch script's own runner): the whole allocation
    assert Allocation.from_environment({**env, "SLURM_STEP_NUM_TASKS": "1"}).num_nodes == 2


def test_no_memory_request_offers_the_machine_s_memory() -> None:
    env = {k: v for k, v in BATCH.items() if k != "SLURM_MEM_PER_NODE"}
    expected = psutil.virtual_memory().total / 1024**3
    assert Allocation.from_environment(env).memory_gb == pytest.approx(expected, rel=0.01)


def test_gpus_on_node_when_no_gpu_list() -> None:
    env = {k: v for k, v in BATCH.items() if k != "SLURM_JOB_GPUS"}
    assert Allocation.from_environment({**env, "SLURM_GPUS_ON_NODE": "2"}).num_gpus == 2
    assert Allocation.from_environment({**env, "CUDA_VISIBLE_DEVICES": "0,1"}).num_gpus == 2
    assert Allocation.from_environment({**env, "CUDA_VISIBLE_DEVICES": ""}).num_gpus == 0


def test_flags_override_what_slurm_says() -> None:
    resources = Allocation.from_environment(BATCH).resources(num_cpus=2, memory_gb=1.5)
    assert (resources.num_cpus, resources.memory_gb, resources.num_gpus) == (2, 1.5, 3)
    assert resources.num_nodes == 2


def test_outside_an_allocation_is_a_clear_error() -> None:
    with pytest.raises(AllocationError, match="SLURM_JOB_ID is not set"):
        Allocation.from_environment({"SLURM_CPUS_ON_NODE": "4"})


def test_an_unreadable_variable_is_named() -> None:
    with pytest.raises(AllocationError, match="SLURM_CPUS_ON_NODE='many'"):
        Allocation.from_environment({**BATCH, "SLURM_CPUS_ON_NODE": "many"})


def test_squeue_end_time_is_local_time() -> None:
    end = parse_end_time("2030-01-02T03:04:05\n", "7")
    assert end == datetime(2030, 1, 2, 3, 4, 5).timestamp()
    assert parse_end_time("N/A\n") is None
    assert parse_end_time("UNLIMITED") is None
    with pytest.raises(AllocationError, match="does not know Slurm job 7"):
        parse_end_time("\n", "7")
    with pytest.raises(AllocationError, match="'soon'"):
        parse_end_time("soon", "7")


def test_the_expiration_buffer_is_taken_once() -> None:
    """The allocation's end less the buffer is the runner's deadline; the runner's termination
    starts `grace` before that, and nothing subtracts the buffer a second time."""
    assert expiration_buffer(None) == DEFAULT_EXPIRATION_BUFFER_SECONDS == 180
    assert expiration_buffer(20) == 20
    now = time.time()
    allocation_end = now + 3600
    end = runner_end_time(allocation_end, expiration_buffer(None))
    assert end == allocation_end - 180
    deadline = Deadline(end, grace=30)
    assert deadline.terminate_at == allocation_end - 210
    assert deadline.time_left(now) == pytest.approx(3600 - 210)
    assert runner_end_time(None, 180) is None


def test_deadline_time_limit_for_claims() -> None:
    deadline = Deadline(end_time=1000.0, grace=10.0)
    assert deadline.claim_time_limit(now=500.0) == "PT490S"
    assert not deadline.reached(now=989.0)
    assert deadline.claim_time_limit(now=989.5) is None  # under a second left: claim nothing
    assert deadline.reached(now=990.0) and deadline.time_left(now=2000.0) == 0.0

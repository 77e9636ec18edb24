"""How many allocations of what size a group of jobs gets, and their walltime."""

from __future__ import annotations

import pytest

from torc_hpc import allocations
from torc_hpc.match import Request
from torc_hpc.registry import Registry

HOUR = 3600


def partition(name: str):
    return Registry.load().get("kestrel").partition(name)


def test_jobs_per_node_is_the_tightest_of_cpus_memory_and_gpus() -> None:
    short = partition("short")  # 104 CPUs, 240000 MB
    assert allocations.jobs_per_node(short, Request(cpus=4, memory_mb=8192)) == 26
    assert allocations.jobs_per_node(short, Request(cpus=4, memory_mb=60000)) == 4
    assert allocations.jobs_per_node(short, Request(cpus=200, memory_mb=1)) == 1  # at least 1
    gpu = partition("gpu-h100")  # 128 CPUs, 360000 MB, 4 GPUs
    assert allocations.jobs_per_node(gpu, Request(cpus=4, memory_mb=1024, gpus=1)) == 4
    assert allocations.jobs_per_node(gpu, Request(cpus=4, memory_mb=1024, gpus=2, nodes=2)) == 1


def test_allocations_cover_the_jobs_over_jobs_per_node_and_time_slots() -> None:
    short = partition("short")
    request = Request(cpus=4, memory_mb=8192, walltime_secs=HOUR)
    # 1,000 one-hour jobs, 26 at a time, 4 one-hour slots in a 4 h allocation: ceil(1000/104)
    plan = allocations.plan(short, request, HOUR, 1000, 4 * HOUR)
    assert (plan.num_allocations, plan.jobs_at_once, plan.time_slots, plan.nodes) == (10, 26, 4, 1)
    # a single job: one allocation that runs one job
    plan = allocations.plan(short, request, HOUR, 1, 4 * HOUR)
    assert (plan.num_allocations, plan.jobs_at_once) == (1, 1)


def test_allocations_stay_within_the_nodes_one_user_may_hold() -> None:
    bigmem = partition("bigmem")  # 4 nodes per user
    request = Request(cpus=104, memory_mb=2_000_000, walltime_secs=48 * HOUR)
    plan = allocations.plan(bigmem, request, 48 * HOUR, 100, 48 * HOUR)
    assert plan.num_allocations == 4
    hbw = partition("hbw")  # 256 nodes per user, 2-node jobs
    request = Request(cpus=104, memory_mb=1, walltime_secs=48 * HOUR, nodes=2)
    plan = allocations.plan(hbw, request, 48 * HOUR, 1000, 48 * HOUR)
    assert (plan.num_allocations, plan.nodes) == (128, 2)


def test_walltime_strategies() -> None:
    short = partition("short")
    assert allocations.walltime_secs(short, 30 * 60) == 4 * HOUR  # the default: partition max
    assert allocations.walltime_secs(short, 30 * 60, "max-job-runtime") == 45 * 60
    assert allocations.walltime_secs(short, 3 * HOUR, "max-job-runtime") == 4 * HOUR  # capped
    assert allocations.walltime_secs(short, 100, "max-job-runtime", 2.0) == 4 * 60  # whole minutes
    with pytest.raises(ValueError, match="unknown walltime strategy"):
        allocations.walltime_secs(short, 1, "forever")

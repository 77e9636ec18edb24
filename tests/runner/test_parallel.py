"""How many jobs run at once: by default as many as the resources allow (the machine's CPUs, from
psutil, unless overridden), with `--max-parallel-jobs` that many whatever the jobs need. Each job
writes when it started and ended; the bound is checked on those, not on durations."""

from __future__ import annotations

import psutil

from tests.runner.conftest import (
    TIMED,
    Api,
    Torc,
    created_id,
    max_concurrency,
    read_intervals,
    write_spec,
)


def test_resource_mode_is_bounded_by_the_cpus(torc: Torc, api: Api) -> None:
    """The guide's hundred independent jobs, one CPU each (the default requirement)."""
    command = TIMED.format(dir="times", sleep="0.2", name="job_{i:03d}")
    spec = write_spec(
        torc.cwd,
        f"""
        name: WORKFLOW_NAME
        jobs:
          - name: job_{{i:03d}}
            command: {command}
            parameters:
              i: "1:100"
        """,
    )
    done = torc.ok("run", str(spec), "-o", "out", "-p", "0.5")
    workflow_id = created_id(done.stdout)
    assert f"Workflow {workflow_id}: 100 completed" in done.stdout
    intervals = read_intervals(torc.cwd / "times")
    assert len(intervals) == 100
    cpus = psutil.cpu_count()
    peak = max_concurrency(intervals)
    assert peak <= cpus, (peak, cpus)
    if cpus >= 2:
        assert peak >= 2  # and they did run in parallel


def test_resource_mode_follows_requirements_and_overrides(torc: Torc) -> None:
    """`--num-cpus 4`: jobs that need 2 CPUs run two at a time, 1-CPU jobs four at a time."""
    two = TIMED.format(dir="two", sleep="0.3", name="two_{i}")
    one = TIMED.format(dir="one", sleep="0.3", name="one_{i}")
    spec = write_spec(
        torc.cwd,
        f"""
        name: WORKFLOW_NAME
        jobs:
          - name: two_{{i}}
            command: {two}
            resource_requirements: two_cpus
            parameters:
              i: "1:6"
          - name: one_{{i}}
            command: {one}
            resource_requirements: one_cpu
            parameters:
              i: "1:8"
        resource_requirements:
          - name: two_cpus
            num_cpus: 2
            memory: 1m
            runtime: PT1M
          - name: one_cpu
            num_cpus: 1
            memory: 1m
            runtime: PT1M
        """,
    )
    torc.ok("run", str(spec), "-o", "out", "-p", "0.5", "--num-cpus", "4", "--memory-gb", "1")
    two_cpu_jobs = read_intervals(torc.cwd / "two")
    one_cpu_jobs = read_intervals(torc.cwd / "one")
    assert len(two_cpu_jobs) == 6 and len(one_cpu_jobs) == 8
    # CPUs in use at each start: never more than the 4 offered
    weighted = [(s, e, 2) for s, e in two_cpu_jobs] + [(s, e, 1) for s, e in one_cpu_jobs]
    events = sorted([(s, w) for s, _, w in weighted] + [(e, -w) for _, e, w in weighted])
    in_use = peak = 0
    for _, step in events:
        in_use += step
        peak = max(peak, in_use)
    assert 2 < peak <= 4
    assert max_concurrency(two_cpu_jobs) <= 2


def test_max_parallel_jobs_ignores_requirements(torc: Torc) -> None:
    """Queue depth: 3 at once, although each job asks for more CPUs than the machine has."""
    command = TIMED.format(dir="times", sleep="0.2", name="job_{i}")
    spec = write_spec(
        torc.cwd,
        f"""
        name: WORKFLOW_NAME
        jobs:
          - name: job_{{i}}
            command: {command}
            resource_requirements: huge
            parameters:
              i: "1:15"
        resource_requirements:
          - name: huge
            num_cpus: 512
            memory: 1t
            runtime: PT1M
        """,
    )
    done = torc.ok("run", str(spec), "-o", "out", "-p", "0.5", "--max-parallel-jobs", "3")
    assert "15 completed" in done.stdout
    intervals = read_intervals(torc.cwd / "times")
    assert len(intervals) == 15
    assert max_concurrency(intervals) == 3

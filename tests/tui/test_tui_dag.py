"""The text DAG stays short at hundreds of jobs: stages, and runs of numbered jobs collapsed."""

from __future__ import annotations

from torc_cli.tui import dag


def test_hundreds_of_parameterized_jobs_collapse_to_a_few_lines() -> None:
    jobs = [{"id": 1, "name": "prepare", "status": "completed", "depends_on_job_ids": []}]
    jobs += [
        {
            "id": 1 + i,
            "name": f"work_{i:03d}",
            "status": "completed" if i <= 120 else "running" if i <= 130 else "ready",
            "depends_on_job_ids": [1],
        }
        for i in range(1, 301)
    ]
    jobs.append(
        {
            "id": 400,
            "name": "aggregate",
            "status": "blocked",
            "depends_on_job_ids": list(range(2, 302)),
        }
    )
    lines = dag.render(jobs).plain.splitlines()
    assert lines == [
        "Stage 0  (1 job)",
        "  ├─ prepare [completed]",
        "Stage 1  (300 jobs)",
        "  ├─ work_# x300  completed 120  ready 170  running 10  ← prepare",
        "Stage 2  (1 job)",
        "  ├─ aggregate [blocked]  ← work_# x300",
    ]


def test_stages_follow_the_longest_path_and_survive_a_cycle() -> None:
    jobs = [
        {"id": 1, "name": "a", "depends_on_job_ids": []},
        {"id": 2, "name": "b", "depends_on_job_ids": [1]},
        {"id": 3, "name": "c", "depends_on_job_ids": [1, 2]},
        {"id": 4, "name": "x", "depends_on_job_ids": [5]},
        {"id": 5, "name": "y", "depends_on_job_ids": [4]},
    ]
    names = [[j["name"] for j in stage] for stage in dag.stages(jobs)]
    assert names[0] == ["a"] and "b" in names[1] and "c" in names[2]
    assert sorted(n for stage in names for n in stage) == ["a", "b", "c", "x", "y"]

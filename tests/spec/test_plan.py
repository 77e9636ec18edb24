"""The execution plan, with the guide's two examples ("Visualizing Workflow Structure")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec.helpers import load
from torc.spec import PlanError, build_plan
from torc.spec.plan import compact_job_list

TWO_SUBGRAPHS = """
name: two_subgraph_pipeline
jobs:
  - {name: prep_a, command: prep a}
  - {name: prep_b, command: prep b}
  - name: work_a_{i}
    command: work a {i}
    depends_on: [prep_a]
    parameters: {i: "1:5"}
  - name: work_b_{i}
    command: work b {i}
    depends_on: [prep_b]
    parameters: {i: "1:5"}
  - {name: post_a, command: post a, depends_on_regexes: ["^work_a_"]}
  - {name: post_b, command: post b, depends_on_regexes: ["^work_b_"]}
  - {name: final, command: final, depends_on: [post_a, post_b]}
slurm_schedulers:
  - {name: prep_sched, account: acct, walltime: "01:00:00"}
  - {name: work_a_sched, account: acct, walltime: "04:00:00"}
  - {name: work_b_sched, account: acct, walltime: "04:00:00"}
  - {name: post_a_sched, account: acct, walltime: "01:00:00"}
  - {name: post_b_sched, account: acct, walltime: "01:00:00"}
  - {name: final_sched, account: acct, walltime: "01:00:00"}
actions:
  - {trigger_type: on_workflow_start, action_type: schedule_nodes, scheduler: prep_sched, scheduler_type: slurm, num_allocations: 1}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, job_name_regexes: ["^work_a_"], scheduler: work_a_sched, scheduler_type: slurm, num_allocations: 1}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, job_name_regexes: ["^work_b_"], scheduler: work_b_sched, scheduler_type: slurm, num_allocations: 1}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, jobs: [post_a], scheduler: post_a_sched, scheduler_type: slurm, num_allocations: 1}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, jobs: [post_b], scheduler: post_b_sched, scheduler_type: slurm, num_allocations: 1}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, jobs: [final], scheduler: final_sched, scheduler_type: slurm, num_allocations: 1}
"""

GUIDE_TWO_SUBGRAPHS = """Workflow: two_subgraph_pipeline
Total Jobs: 15

▶ Stage 1: Workflow Start
  Scheduler Allocations:
    • prep_sched (slurm) - 1 allocation(s)
  Jobs Becoming Ready:
    • prep_a
    • prep_b

→ Stage 2: When jobs 'prep_a', 'prep_b' complete
  Scheduler Allocations:
    • work_a_sched (slurm) - 1 allocation(s)
    • work_b_sched (slurm) - 1 allocation(s)
  Jobs Becoming Ready:
    • work_a_{1..5}
    • work_b_{1..5}

→ Stage 3: When 10 jobs complete
  Scheduler Allocations:
    • post_a_sched (slurm) - 1 allocation(s)
    • post_b_sched (slurm) - 1 allocation(s)
  Jobs Becoming Ready:
    • post_a
    • post_b

→ Stage 4: When jobs 'post_a', 'post_b' complete
  Scheduler Allocations:
    • final_sched (slurm) - 1 allocation(s)
  Jobs Becoming Ready:
    • final

Total Stages: 4"""

NO_SLURM = """
name: my_pipeline
jobs:
  - name: preprocess
    command: "python pre.py -o ${files.output.data}"
  - name: work_{i}
    command: "python work.py -i ${files.input.data} -o ${files.output.out_{i}}"
    parameters: {i: "1:5"}
  - name: postprocess
    command: python post.py
    input_files: ["out_{i}"]
    parameters: {i: "1:5"}
  - {name: report_a, command: a, depends_on: [postprocess]}
  - {name: report_b, command: b, depends_on: [postprocess]}
  - {name: report_c, command: c, depends_on: [postprocess]}
files:
  - {name: data, path: /data}
  - name: out_{i}
    path: /out/{i}
    parameters: {i: "1:5"}
"""

GUIDE_NO_SLURM = """Workflow: my_pipeline
Total Jobs: 10

▶ Stage 1: Workflow Start
  Jobs Becoming Ready:
    • preprocess

→ Stage 2: When job 'preprocess' completes
  Jobs Becoming Ready:
    • work_{1..5}

→ Stage 3: When 5 jobs complete
  Jobs Becoming Ready:
    • postprocess
"""


def test_two_subgraph_pipeline_as_in_the_guide(tmp_path: Path) -> None:
    spec = load(tmp_path, "subgraphs.yaml", TWO_SUBGRAPHS)
    assert build_plan(spec.name, spec.jobs, spec.actions).render() == GUIDE_TWO_SUBGRAPHS


def test_workflow_without_slurm_as_in_the_guide(tmp_path: Path) -> None:
    spec = load(tmp_path, "no_slurm.yaml", NO_SLURM)
    rendered = build_plan(spec.name, spec.jobs, spec.actions).render()
    assert rendered.startswith(GUIDE_NO_SLURM)
    assert rendered.endswith(
        "→ Stage 4: When job 'postprocess' completes\n"
        "  Jobs Becoming Ready:\n"
        "    • report_a\n"
        "    • report_b\n"
        "    • report_c\n"
        "\n"
        "Total Stages: 4"
    )


def test_plan_as_data(tmp_path: Path) -> None:
    spec = load(tmp_path, "subgraphs.yaml", TWO_SUBGRAPHS)
    data = build_plan(spec.name, spec.jobs, spec.actions).to_dict()
    assert data["total_stages"] == 4 and data["total_jobs"] == 15
    assert data["stages"][1]["trigger"] == "When jobs 'prep_a', 'prep_b' complete"
    assert data["stages"][1]["scheduler_allocations"][0] == {
        "scheduler": "work_a_sched",
        "scheduler_type": "slurm",
        "num_allocations": 1,
        "jobs": [f"work_a_{i}" for i in range(1, 6)],
    }
    assert data["stages"][2]["jobs_becoming_ready"] == ["post_a", "post_b"]


def test_on_jobs_complete_allocates_after_the_jobs(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "c.yaml",
        """
        name: c
        jobs:
          - {name: a, command: x}
        slurm_schedulers:
          - {name: s, account: acct}
        actions:
          - {trigger_type: on_jobs_complete, action_type: schedule_nodes, jobs: [a], scheduler: s, scheduler_type: slurm, num_allocations: 3}
        """,
    )
    plan = build_plan(spec.name, spec.jobs, spec.actions)
    assert [s.trigger for s in plan.stages] == ["Workflow Start", "When job 'a' completes"]
    assert plan.stages[1].allocations[0].num_allocations == 3


def test_a_cycle_has_no_plan(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "cycle.yaml",
        "name: c\njobs:\n  - {name: a, command: x, depends_on: [b]}\n"
        "  - {name: b, command: x, depends_on: [a]}\n",
    )
    with pytest.raises(PlanError) as info:
        build_plan(spec.name, spec.jobs, spec.actions)
    assert "'a', 'b'" in str(info.value)


def test_compact_job_list() -> None:
    assert compact_job_list(["a", "b", "c"]) == ["a", "b", "c"]
    assert compact_job_list([f"job_{i:03d}" for i in range(1, 101)]) == ["job_{001..100}"]
    assert compact_job_list(["x_1", "x_2", "x_3", "y", "x_4", "x_7"]) == ["x_{1..4}", "x_7", "y"]
    assert compact_job_list(["w_1", "w_2", "solo", "w_3"]) == ["w_1", "w_2", "w_3", "solo"]

"""Every check listed under "What Validation Checks", the report layouts, and variable
substitution with its implicit relationships."""

from __future__ import annotations

from pathlib import Path

from tests.spec.helpers import check, job, load
from torc.spec import SpecError, failed_report, validate


def test_variable_substitution_creates_relationships(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "diamond.yaml",
        """
        name: my_workflow
        description: Example workflow with implicit dependencies
        jobs:
          - name: preprocess
            command: "bash tests/scripts/preprocess.sh -i ${files.input.f1} -o ${files.output.f2} -o ${files.output.f3}"
          - name: work1
            command: "bash tests/scripts/work.sh -i ${files.input.f2} -o ${files.output.f4}"
          - name: work2
            command: "bash tests/scripts/work.sh -i ${files.input.f3} -o ${files.output.f5}"
          - name: postprocess
            command: "bash tests/scripts/postprocess.sh -i ${files.input.f4} -i ${files.input.f5} -o ${files.output.f6}"
            invocation_script: "wrap.sh ${files.input.f1}"
        files:
          - {name: f1, path: f1.json}
          - {name: f2, path: f2.json}
          - {name: f3, path: f3.json}
          - {name: f4, path: f4.json}
          - {name: f5, path: f5.json}
          - {name: f6, path: f6.json}
        """,
    )
    pre = job(spec, "preprocess")
    assert pre["command"] == "bash tests/scripts/preprocess.sh -i f1.json -o f2.json -o f3.json"
    assert pre["input_files"] == ["f1"] and pre["output_files"] == ["f2", "f3"]
    post = job(spec, "postprocess")
    assert post["input_files"] == ["f4", "f5", "f1"]
    assert post["invocation_script"] == "wrap.sh f1.json"
    report = validate(spec)
    assert report.valid and report.components["dependencies"] == 0


def test_user_data_variables_make_relationships_and_stay_for_the_runner(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "ud.yaml",
        """
        name: config_pipeline
        jobs:
          - name: generate_config
            command: torc user-data update ${user_data.output.ml_config} --data '{}'
            output_user_data: [other]
          - name: train_model
            command: torc user-data get ${user_data.input.ml_config} | jq '.data'
        user_data:
          - name: ml_config
            data: null
          - name: other
        """,
    )
    gen = job(spec, "generate_config")
    assert gen["output_user_data"] == ["other", "ml_config"]
    assert gen["command"] == "torc user-data update ${user_data.output.ml_config} --data '{}'"
    assert job(spec, "train_model")["input_user_data"] == ["ml_config"]


def test_unknown_variables_name_themselves_and_where(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "v.yaml",
        """
        name: v
        jobs:
          - name: a
            command: cat ${files.input.raw_dta} > ${files.output.out}
          - name: b
            command: x
            invocation_script: run ${user_data.input.cfg}
        files:
          - {name: raw_data, path: /raw}
          - {name: out, path: /out}
        """,
    )
    label = tmp_path / "v.yaml"
    assert report.errors == [
        f"{label}:4: job 'a' command uses ${{files.input.raw_dta}}, but no file 'raw_dta' is "
        "defined; did you mean 'raw_data'?",
        f"{label}:7: job 'b' invocation_script uses ${{user_data.input.cfg}}, but no user data "
        "'cfg' is defined",
    ]


def test_reference_checks(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "refs.yaml",
        """
        name: refs
        jobs:
          - name: preprocess
            command: x
          - name: analyze
            command: y
            depends_on: [preproces]
            resource_requirements: larg
            scheduler: gpu
            failure_handler: retry
            input_files: [raw]
            output_files: [out]
            input_user_data: [cfg]
            output_user_data: [res]
        resource_requirements:
          - name: large
            num_cpus: 8
        """,
    )
    label = tmp_path / "refs.yaml"
    assert report.errors == [
        f"{label}:7: Job 'analyze' depends_on job 'preproces', which is not defined; "
        "did you mean 'preprocess'?",
        f"{label}:11: Job 'analyze' input_files references file 'raw', which is not defined",
        f"{label}:12: Job 'analyze' output_files references file 'out', which is not defined",
        f"{label}:13: Job 'analyze' input_user_data references user data 'cfg', which is not "
        "defined",
        f"{label}:14: Job 'analyze' output_user_data references user data 'res', which is not "
        "defined",
        f"{label}:8: Job 'analyze' references resource_requirements 'larg', which is not "
        "defined; did you mean 'large'?",
        f"{label}:9: Job 'analyze' references Slurm scheduler 'gpu', which is not defined",
        f"{label}:10: Job 'analyze' references failure handler 'retry', which is not defined",
    ]
    assert not report.valid


def test_many_similar_errors_are_summarized(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "many.yaml",
        """
        name: many
        jobs:
          - name: job_{i}
            command: x
            depends_on: ["missing_{i}"]
            parameters: {i: "1:10"}
        """,
    )
    assert len(report.errors) == 4
    assert report.errors[3].endswith(
        "... and 7 more undefined depends_on references of job entry 'job_1' like the ones above"
    )


def test_duplicates(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "dup.yaml",
        """
        name: dup
        jobs:
          - {name: a, command: x}
          - {name: a, command: y}
          - name: job_{i}
            command: z
            parameters: {i: "[1, 1]"}
        files:
          - {name: f, path: /1}
          - {name: f, path: /2}
        user_data:
          - {name: u}
          - {name: u}
        resource_requirements:
          - {name: r}
          - {name: r}
        slurm_schedulers:
          - {name: s, account: a}
          - {name: s, account: a}
        failure_handlers:
          - {name: h, rules: [{match_all_exit_codes: true}]}
          - {name: h, rules: [{exit_codes: [1]}]}
        """,
    )
    label = tmp_path / "dup.yaml"
    assert report.errors == [
        f"{label}:4: Duplicate job name: 'a' is used 2 times",
        f"{label}:5: Duplicate job name: 'job_1' is used 2 times",
        f"{label}:10: Duplicate file name: 'f' is used 2 times",
        f"{label}:13: Duplicate user data name: 'u' is used 2 times",
        f"{label}:16: Duplicate resource requirements name: 'r' is used 2 times",
        f"{label}:19: Duplicate Slurm scheduler name: 's' is used 2 times",
        f"{label}:22: Duplicate failure handler name: 'h' is used 2 times",
    ]


def test_cycles_name_every_job_in_the_cycle(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "cycle.yaml",
        """
        name: cycle
        jobs:
          - {name: a, command: x, depends_on: [c]}
          - {name: b, command: x, depends_on: [a]}
          - {name: c, command: x, depends_on: [b]}
          - {name: downstream, command: x, depends_on: [c]}
          - {name: reader, command: "cat ${files.input.f}", output_files: [g]}
          - {name: writer, command: x, input_files: [g], output_files: [f]}
          - {name: self, command: x, depends_on: [self]}
        files:
          - {name: f, path: /f}
          - {name: g, path: /g}
        """,
    )
    label = tmp_path / "cycle.yaml"
    assert report.errors == [
        f"{label}:3: Circular dependency detected involving jobs: 'a', 'b', 'c' "
        "(a -> c -> b -> a; each waits for the next)",
        f"{label}:7: Circular dependency detected involving jobs: 'reader', 'writer' "
        "(reader -> writer -> reader; each waits for the next)",
    ]


def test_action_checks(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "actions.yaml",
        """
        name: actions
        jobs:
          - {name: a, command: x}
        slurm_schedulers:
          - {name: gpu_cluster, account: acct, walltime: "04:00:00"}
        actions:
          - trigger_type: on_jobs_ready
            action_type: schedule_nodes
            jobs: [a, b]
            scheduler: gpu_clustr
            scheduler_type: slurm
          - trigger_type: on_workflow_start
            action_type: schedule_nodes
            num_allocations: 2
          - trigger_type: on_workflow_complete
            action_type: run_commands
          - trigger_type: on_jobs_complete
            action_type: run_commands
            commands: [x]
        """,
    )
    label = tmp_path / "actions.yaml"
    assert report.errors == [
        f"{label}:9: Action #1 (on_jobs_ready, schedule_nodes) references job 'b', which is not "
        "defined",
        f"{label}:10: Action #1 (on_jobs_ready, schedule_nodes) references Slurm scheduler "
        "'gpu_clustr', which is not defined in slurm_schedulers; did you mean 'gpu_cluster'?",
        f"{label}:12: Action #2 (on_workflow_start, schedule_nodes): schedule_nodes action "
        "requires scheduler",
        f"{label}:12: Action #2 (on_workflow_start, schedule_nodes): schedule_nodes action "
        "requires scheduler_type (slurm)",
        f"{label}:15: Action #3 (on_workflow_complete, run_commands) requires 'commands', a list "
        "of commands to run",
        f"{label}:17: Action #4 (on_jobs_complete, run_commands) names no jobs: give 'jobs' or "
        "'job_name_regexes'",
    ]


def test_failure_handler_rules_must_match_something(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        "fh.yaml",
        """
        name: fh
        jobs:
          - {name: a, command: x, failure_handler: h}
        failure_handlers:
          - name: h
            rules:
              - max_retries: 2
        """,
    )
    assert report.errors == [
        f"{tmp_path / 'fh.yaml'}:7: failure handler 'h' rule 1 matches nothing: give exit_codes, "
        "or match_all_exit_codes: true"
    ]


NODES = """
name: nodes
jobs:
  - {name: a, command: x, scheduler: big}
slurm_schedulers:
  - {name: big, account: acct, nodes: 4, walltime: "01:00:00"}
actions:
  - trigger_type: on_workflow_start
    action_type: schedule_nodes
    scheduler: big
    scheduler_type: slurm
"""


def test_scheduler_node_check_and_skip_checks(tmp_path: Path) -> None:
    message = (
        f"{tmp_path / 'n.yaml'}:7: Scheduler 'big' allocates 4 nodes but none of the jobs using "
        "it (a) have num_nodes=4 in their resource requirements. Either set num_nodes=4 on job "
        "resource requirements, or set start_one_worker_per_node=true on the schedule_nodes "
        "action to run independent workers on each node."
    )
    report = check(tmp_path, "n.yaml", NODES)
    assert report.errors == [message] and not report.valid
    skipped = check(tmp_path, "n.yaml", NODES, skip_checks=True)
    assert skipped.valid
    assert skipped.warnings == [f"{message} (skipped with --skip-checks)"]
    fixed = check(tmp_path, "n2.yaml", NODES + "    start_one_worker_per_node: true\n")
    assert fixed.valid and not fixed.warnings


HETEROGENEOUS = """
name: hetero
jobs:
  - name: job_{i}
    command: x
    parameters: {i: "1:10"}
slurm_schedulers:
  - {name: small, account: a, mem: 8g, walltime: "01:00:00", partition: standard}
  - {name: medium, account: a, mem: 64g, walltime: "04:00:00", partition: standard}
  - {name: large, account: a, mem: 240g, walltime: "04:00:00", partition: standard}
"""


def test_heterogeneous_scheduler_warning_as_in_the_guide(tmp_path: Path) -> None:
    report = check(tmp_path, "h.yaml", HETEROGENEOUS)
    assert report.valid
    assert report.warnings == [
        "Workflow has 3 schedulers with different memory (mem), walltime but 10 job(s) have no "
        "explicit scheduler assignment and jobs_sort_method is not set. The default sort method "
        "'gpus_runtime_memory' will be used (jobs sorted by GPUs, then runtime, then memory). If "
        "this doesn't match your workload, consider setting jobs_sort_method explicitly to "
        "'gpus_memory_runtime' (prioritize memory over runtime) or 'none' (no sorting)."
    ]
    rendered = report.render()
    assert (
        "Warnings (1):\n"
        "  - Workflow has 3 schedulers with different memory (mem), walltime but 10 job(s)\n"
        "    have no explicit scheduler assignment and jobs_sort_method is not set. The\n"
        "    default sort method 'gpus_runtime_memory' will be used (jobs sorted by GPUs,\n"
        "    then runtime, then memory). If this doesn't match your workload, consider\n"
        "    setting jobs_sort_method explicitly to 'gpus_memory_runtime' (prioritize\n"
        "    memory over runtime) or 'none' (no sorting).\n"
    ) in rendered
    assert not check(tmp_path, "h2.yaml", HETEROGENEOUS + "jobs_sort_method: none\n").warnings


GUIDE_REPORT = """
name: my_workflow
description: A sample workflow
jobs:
  - name: job_{i:03d}
    command: echo {i} ${files.input.input_{i:03d}}
    resource_requirements: small
    scheduler: cpu
    parameters:
      i: "1:100"
files:
  - {name: input_001, path: /in/1}
  - {name: input_002, path: /in/2}
  - {name: input_003, path: /in/3}
  - {name: input_004, path: /in/4}
  - {name: input_005, path: /in/5}
user_data:
  - {name: config}
  - {name: results}
resource_requirements:
  - {name: small, num_cpus: 1, memory: 1g, runtime: PT10M}
  - {name: large, num_cpus: 8, memory: 32g, runtime: PT1H}
slurm_schedulers:
  - {name: cpu, account: acct, walltime: "04:00:00"}
  - {name: gpu, account: acct, walltime: "04:00:00", gres: "gpu:1"}
actions:
  - {trigger_type: on_workflow_start, action_type: schedule_nodes, scheduler: cpu, scheduler_type: slurm}
  - {trigger_type: on_jobs_ready, action_type: schedule_nodes, scheduler: gpu, scheduler_type: slurm, jobs: [job_100]}
  - {trigger_type: on_workflow_complete, action_type: run_commands, commands: [echo done]}
"""


def test_human_report_layout_as_in_the_guide(tmp_path: Path) -> None:
    report = check(
        tmp_path, "guide.yaml", GUIDE_REPORT.replace(" ${files.input.input_{i:03d}}", "")
    )
    assert report.render() == (
        "Workflow Validation Results\n"
        "===========================\n"
        "\n"
        "Workflow: my_workflow\n"
        "Description: A sample workflow\n"
        "\n"
        "Components to be created:\n"
        "  Jobs: 100 (expanded from 1 parameterized job specs)\n"
        "  Files: 5\n"
        "  User data records: 2\n"
        "  Resource requirements: 2\n"
        "  Slurm schedulers: 2\n"
        "  Workflow actions: 3\n"
        "\n"
        "Submission: Ready for scheduler submission (has on_workflow_start schedule_nodes "
        "action)\n"
        "\n"
        "Validation: PASSED"
    )


def test_json_report_shape(tmp_path: Path) -> None:
    report = check(tmp_path, "guide.yaml", GUIDE_REPORT)
    data = report.to_dict()
    assert list(data) == [
        "valid",
        "workflow",
        "components",
        "submission",
        "errors",
        "warnings",
    ]
    assert data["workflow"] == {"name": "my_workflow", "description": "A sample workflow"}
    assert data["components"] == {
        "jobs": 100,
        "job_specs": 1,
        "files": 5,
        "user_data": 2,
        "resource_requirements": 2,
        "slurm_schedulers": 2,
        "local_schedulers": 0,
        "failure_handlers": 0,
        "actions": 3,
        "dependencies": 0,
    }
    # the jobs past input_005 use files that do not exist
    assert data["valid"] is False
    assert len(data["errors"]) == 4  # three listed, then a summary of the other 92
    assert data["errors"][3].endswith(
        "... and 92 more undefined file variables of job entry 'job_001' like the ones above"
    )


def test_failed_report_for_an_unreadable_spec() -> None:
    report = failed_report(SpecError("x.yaml:3: YAML syntax error: bad"))
    assert report.to_dict()["valid"] is False
    assert report.errors == ["x.yaml:3: YAML syntax error: bad"]
    assert "Validation: FAILED" in report.render()
    assert "Errors (1):\n  - x.yaml:3: YAML syntax error: bad\n" in report.render()


def test_barrier_tutorial_counts(tmp_path: Path) -> None:
    from tests.benchmarks.bench_specs import spec_barrier

    report = check(tmp_path, "barrier.yaml", spec_barrier(1000))
    assert report.valid
    assert report.components["jobs"] == 2003
    assert report.components["job_specs"] == 5
    assert report.components["dependencies"] == 3001
    assert report.components["resource_requirements"] == 3

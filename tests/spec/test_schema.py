"""Every documented field is read; an unknown key is reported with a suggestion and its line, in
every format; wrong types and missing required fields are reported, all at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.spec.helpers import load, load_error
from torc.spec import load_spec, validate

ALL_FIELDS_YAML = """
name: everything
user: someone
description: every documented field
project: proj
metadata: {owner: team}
compute_node_expiration_buffer_seconds: 60
compute_node_wait_for_new_jobs_seconds: 90
compute_node_ignore_workflow_completion: false
compute_node_wait_for_healthy_database_minutes: 20
compute_node_min_time_for_new_jobs_seconds: 300
jobs_sort_method: gpus_memory_runtime
use_pending_failed: true
resource_monitor:
  enabled: true
  granularity: time_series
  sample_interval_seconds: 2
  generate_plots: false
slurm_defaults:
  mail-type: END
parameters:
  i: "1:2"
jobs:
  - name: job_{i}
    command: run {i}
    invocation_script: wrapper.sh
    cancel_on_blocking_job_failure: false
    supports_termination: true
    resource_requirements: big
    scheduler: gpu
    failure_handler: retry
    input_files: ["in_{i}"]
    output_files: ["out_{i}"]
    input_user_data: [cfg]
    use_parameters: [i]
  - name: after
    command: after
    depends_on: [job_1]
    depends_on_regexes: ["^job_"]
    input_file_regexes: ["^out_"]
    output_user_data_regexes: ["^res"]
files:
  - name: in_{i}
    path: /in/{i}
    st_mtime: 12.5
    use_parameters: [i]
  - name: out_{i}
    path: /out/{i}
    parameters:
      i: "1:2"
user_data:
  - name: cfg
    data: {a: 1}
    is_ephemeral: true
  - name: result
resource_requirements:
  - name: big
    num_cpus: 8
    num_gpus: 1
    num_nodes: 2
    memory: 64g
    runtime: P1DT12H
slurm_schedulers:
  - name: gpu
    account: acct
    gres: "gpu:2"
    mem: 64G
    nodes: 2
    ntasks_per_node: 4
    partition: gpu
    qos: high
    tmp: 100G
    walltime: 1-00:00:00
    extra: --exclusive
local_schedulers:
  - name: local
    memory: 8g
    num_cpus: 4
failure_handlers:
  - name: retry
    rules:
      - exit_codes: [137, 139]
        max_retries: 5
        recovery_script: cleanup.sh
      - match_all_exit_codes: true
actions:
  - trigger_type: on_workflow_start
    action_type: schedule_nodes
    scheduler: gpu
    scheduler_type: slurm
    num_allocations: 2
    start_one_worker_per_node: true
    max_parallel_jobs: 8
  - trigger_type: on_jobs_complete
    action_type: run_commands
    jobs: [after]
    job_name_regexes: ["^job_"]
    commands: [echo done]
    persistent: false
  - trigger_type: on_worker_start
    action_type: run_commands
    commands: [hostname]
"""


def test_every_documented_field(tmp_path: Path) -> None:
    spec = load(tmp_path, "all.yaml", ALL_FIELDS_YAML)
    body = spec.body
    assert body["user"] == "someone"
    assert body["project"] == "proj"
    assert json.loads(body["metadata"]) == {"owner": "team"}
    assert body["compute_node_wait_for_new_jobs_seconds"] == 90
    assert body["jobs_sort_method"] == "gpus_memory_runtime"
    assert body["use_pending_failed"] is True
    assert json.loads(body["resource_monitor_config"]) == {
        "enabled": True,
        "granularity": "time_series",
        "sample_interval_seconds": 2,
        "generate_plots": False,
    }
    assert json.loads(body["slurm_defaults"]) == {"mail-type": "END"}
    job_1 = body["jobs"][0]
    assert job_1 == {
        "name": "job_1",
        "command": "run 1",
        "invocation_script": "wrapper.sh",
        "cancel_on_blocking_job_failure": False,
        "supports_termination": True,
        "resource_requirements": "big",
        "scheduler": "gpu",
        "failure_handler": "retry",
        "input_files": ["in_1"],
        "output_files": ["out_1"],
        "input_user_data": ["cfg"],
    }
    after = body["jobs"][2]
    assert after["depends_on"] == ["job_1", "job_2"]
    assert after["input_files"] == ["out_1", "out_2"]
    assert after["output_user_data"] == ["result"]
    assert "depends_on_regexes" not in after
    assert body["files"][0] == {"name": "in_1", "path": "/in/1", "st_mtime": 12.5}
    assert body["user_data"] == [
        {"name": "cfg", "data": {"a": 1}, "is_ephemeral": True},
        {"name": "result"},
    ]
    assert body["slurm_schedulers"][0]["walltime"] == "1-00:00:00"
    assert body["local_schedulers"] == [{"name": "local", "memory": "8g", "num_cpus": 4}]
    assert body["failure_handlers"] == [
        {
            "name": "retry",
            "rules": [
                {"max_retries": 5, "exit_codes": [137, 139], "recovery_script": "cleanup.sh"},
                {"max_retries": 3, "match_all_exit_codes": True},
            ],
        }
    ]
    start, complete, worker = body["actions"]
    assert start == {
        "trigger_type": "on_workflow_start",
        "action_type": "schedule_nodes",
        "action_config": {
            "num_allocations": 2,
            "start_one_worker_per_node": True,
            "scheduler": "gpu",
            "scheduler_type": "slurm",
            "max_parallel_jobs": 8,
        },
        "persistent": False,
    }
    assert complete["jobs"] == ["after", "job_1", "job_2"]
    assert complete["action_config"] == {"commands": ["echo done"]}
    assert worker["persistent"] is True  # worker lifecycle actions default to every worker


def test_aliases_from_the_guide(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "aliases.yaml",
        """
        name: a
        job_sort_method: none
        jobs:
          - name: train
            command: python train.py
            slurm_scheduler: gpu_cluster
        slurm_schedulers:
          - name: gpu_cluster
            partition: gpu
            account: myproject
            num_nodes: 5
        """,
    )
    assert spec.body["jobs_sort_method"] == "none"
    assert spec.jobs[0]["scheduler"] == "gpu_cluster"
    # walltime and nodes default as in Torc when a scheduler leaves them out
    assert spec.slurm_schedulers[0] == {
        "nodes": 5,
        "walltime": "01:00:00",
        "name": "gpu_cluster",
        "partition": "gpu",
        "account": "myproject",
    }


def test_nulls_mean_not_given(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "nulls.yaml",
        """
        name: n
        description: null
        jobs:
          - {name: a, command: x, resource_requirements: null}
        slurm_schedulers:
          - {name: s, account: a, walltime: "04:00:00", gres: null, partition: null}
        user_data:
          - {name: u, data: null}
        """,
    )
    assert spec.description is None
    assert spec.jobs[0] == {"name": "a", "command": "x"}
    assert "gres" not in spec.slurm_schedulers[0] and "partition" not in spec.slurm_schedulers[0]
    assert spec.user_data == [{"name": "u"}]


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        (
            "typo.yaml",
            "name: t\njobs:\n  - name: a\n    comand: echo\n",
            4,
            "job 'a': unknown key 'comand'; did you mean 'command'?",
        ),
        (
            "typo.json",
            '{\n  "name": "t",\n  "jobs": [\n    {"name": "a", "command": "x",\n     "depends": ["b"]}\n  ]\n}\n',
            5,
            "job 'a': unknown key 'depends'; did you mean 'depends_on'?",
        ),
        (
            "typo.json5",
            "{\n  name: 't',\n  jobs: [],\n  resource_requirement: [],\n}\n",
            4,
            "workflow 't': unknown key 'resource_requirement'; did you mean "
            "'resource_requirements'?",
        ),
        (
            "typo.kdl",
            'name "t"\njob "a" {\n    command "x"\n    resource_requirments "small"\n}\n',
            4,
            "job 'a': unknown key 'resource_requirments'; did you mean 'resource_requirements'?",
        ),
        (
            "top.kdl",
            'name "t"\njbo "a" {\n    command "x"\n}\n',
            2,
            "workflow 't': unknown key 'jbo'; did you mean 'job'?",
        ),
        (
            "slurm.yaml",
            "name: t\njobs: []\nslurm_schedulers:\n  - name: s\n    account: a\n    wall_time: '1:00:00'\n",
            6,
            "Slurm scheduler 's': unknown key 'wall_time'; did you mean 'walltime'?",
        ),
        (
            "action.yaml",
            "name: t\njobs: []\nactions:\n  - trigger_type: on_workflow_start\n"
            "    action_type: run_commands\n    comands: [x]\n",
            6,
            "action 1: unknown key 'comands'; did you mean 'commands'?",
        ),
        (
            "rule.yaml",
            "name: t\njobs: []\nfailure_handlers:\n  - name: h\n    rules:\n"
            "      - exit_code: [1]\n        max_retry: 2\n",
            7,
            "failure handler 'h', rule 1: unknown key 'max_retry'; did you mean 'max_retries'?",
        ),
    ],
)
def test_unknown_keys_are_reported_with_suggestion_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    error = load_error(tmp_path, name, text)
    messages = error.messages
    assert any(m.startswith(f"{tmp_path / name}:{line}: ") and message in m for m in messages), (
        messages
    )


def test_all_problems_at_once(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "many.yaml",
        """
        name: t
        jobs:
          - name: a
            comand: x
          - name: b
            command: y
            support_termination: true
          - name: c
            command: z
            cancel_on_blocking_job_failure: "yes"
        """,
    )
    assert len(error.messages) == 3
    assert ":4: job 'a': unknown key 'comand'" in error.messages[0]
    assert "did you mean 'supports_termination'" in error.messages[1]
    assert (
        ":10: job 'c': 'cancel_on_blocking_job_failure' must be true or false, not a string"
        in error.messages[2]
    )
    # a did-you-mean for the missing 'command' replaces "missing required key 'command'"
    assert not any("missing required" in m for m in error.messages)
    assert str(error).endswith("(and 2 more problems)")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\njobs:\n  - name: a\n", "job 'a': missing required key 'command'"),
        ("name: x\njobs: {a: 1}\n", "'jobs' must be a list, not a mapping"),
        (
            "name: x\njobs:\n  - name: a\n    command: x\n    depends_on: [{a: 1}]\n",
            "must be a list of strings",
        ),
        (
            "name: x\njobs: []\nresource_requirements:\n  - name: r\n    memory: lots\n",
            "'lots' is not a memory size",
        ),
        (
            "name: x\njobs: []\nresource_requirements:\n  - name: r\n    runtime: 2 hours\n",
            "'2 hours' is not an ISO 8601 duration",
        ),
        (
            "name: x\njobs: []\nresource_requirements:\n  - name: r\n    num_cpus: 0\n",
            "'num_cpus' must be positive",
        ),
        (
            "name: x\njobs: []\nresource_requirements:\n  - name: r\n    num_gpus: -2\n",
            "resource requirements 'r': 'num_gpus' must be zero or more",
        ),
        (
            "name: x\njobs: []\ncompute_node_wait_for_new_jobs_seconds: -5\n",
            "'compute_node_wait_for_new_jobs_seconds' must be zero or more",
        ),
        (
            "name: x\njobs: []\nslurm_schedulers:\n  - name: s\n    account: a\n    walltime: 4h\n",
            "'4h' is not a Slurm time",
        ),
        ("name: x\njobs: []\nslurm_schedulers:\n  - name: s\n", "missing required key 'account'"),
        (
            "name: x\njobs: []\njobs_sort_method: memory\n",
            "'jobs_sort_method' is 'memory', which is not one of gpus_runtime_memory, "
            "gpus_memory_runtime, none",
        ),
        (
            "name: x\njobs: []\nactions:\n  - trigger_type: on_start\n    action_type: run_commands\n",
            "did you mean 'on_worker_start'?",
        ),
        (
            "name: x\njobs: []\nactions:\n  - trigger_type: on_workflow_start\n"
            "    action_type: schedule_nodes\n    scheduler: s\n    scheduler_type: local\n",
            "'scheduler_type' is 'local', which is not one of slurm",
        ),
        (
            "name: x\njobs:\n  - name: a\n    command: x\n    parameter_mode: zipped\n",
            "'parameter_mode' is 'zipped', which is not one of product, zip",
        ),
        (
            "name: x\njobs:\n  - name: a\n    command: x\n    parameters: {1bad: '1:2'}\n",
            "parameter name '1bad' must be an identifier",
        ),
        (
            "name: x\njobs: []\nresource_monitor:\n  granularity: detailed\n",
            "'granularity' is 'detailed', which is not one of summary, time_series",
        ),
    ],
)
def test_type_and_value_errors(tmp_path: Path, text: str, message: str) -> None:
    error = load_error(tmp_path, "w.yaml", text)
    assert any(message in m for m in error.messages), error.messages


def test_dict_errors_have_no_file() -> None:
    with pytest.raises(Exception) as info:
        load_spec({"name": "d", "jobs": [{"name": "a", "comand": "x"}]})
    assert str(info.value) == "job 'a': unknown key 'comand'; did you mean 'command'?"


def test_numbers_where_text_is_expected(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "n.yaml",
        """
        name: 2024
        jobs:
          - {name: 1, command: 5}
        resource_requirements:
          - {name: r, memory: 512}
        """,
    )
    assert spec.name == "2024"
    assert spec.jobs == [{"name": "1", "command": "5"}]
    assert spec.resource_requirements[0]["memory"] == "512"


def test_name_defaults_to_the_file_name_and_jobs_to_none(tmp_path: Path) -> None:
    # the guide's snippets leave out the name, or the jobs ("# ... your jobs")
    spec = load(
        tmp_path,
        "queue_depth.yaml",
        """
        parameters:
          i: "1:100"
        jobs:
          - name: "work_{i}"
            command: bash my_script.sh {i}
            use_parameters:
            - i
        """,
    )
    assert spec.name == "queue_depth" and len(spec.jobs) == 100
    monitor_only = load(
        tmp_path,
        "m.yaml",
        """
        name: "My Workflow"
        resource_monitor:
          enabled: true
          granularity: "summary"       # or "time_series"
          sample_interval_seconds: 5
        jobs:
          # ... your jobs
        """,
    )
    assert monitor_only.jobs == []
    from torc.spec import validate

    assert validate(monitor_only).warnings == [f"{tmp_path / 'm.yaml'}: the workflow has no jobs"]
    with pytest.raises(Exception) as info:
        load_spec("jobs: []\n")
    assert str(info.value) == "<text>: the workflow: missing required key 'name'"


def test_unknown_keys_in_resource_monitor_are_warned_about_and_ignored(tmp_path: Path) -> None:
    """Torc ignores them there (its Slurm example writes `metrics`); elsewhere they are refused."""
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: w
        resource_monitor:
          enabled: true
          granularity: time_series
          metrics: [cpu, memory]
        jobs:
          - name: a
            command: "true"
        """,
    )
    monitor = json.loads(spec.workflow["resource_monitor_config"])
    assert "metrics" not in monitor and monitor["granularity"] == "time_series"
    [warning] = [str(w) for w in spec.warnings]
    assert "w.yaml:5" in warning, warning
    assert "unknown key 'metrics'" in warning and "resource_monitor" in warning
    report = validate(spec)
    assert report.valid and any("metrics" in w for w in report.warnings)
    error = load_error(tmp_path, "x.yaml", "name: x\njobs:\n  - name: a\n    comand: x\n")
    assert "unknown key 'comand'; did you mean 'command'?" in str(error)


def test_a_misspelt_resource_monitor_key_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "monitor.yaml",
        "name: t\njobs: []\nresource_monitor:\n  enabled: true\n  sample_interval: 5\n",
    )
    [warning] = [str(w) for w in spec.warnings]
    assert "monitor.yaml:5" in warning
    assert "unknown key 'sample_interval' is ignored; did you mean 'sample_interval_seconds'?" in (
        warning
    )

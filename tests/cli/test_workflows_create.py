"""`torc workflows create` (with `--dry-run`, `--skip-checks`, `--no-resource-monitoring`) and
`torc workflows execution-plan`, run as a user would against a real server."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer

TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]


def torc(server: RunningServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TORC, "--url", server.url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def api(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30.0) as client:
        yield client


def get(api: httpx.Client, path: str, **params: Any) -> Any:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def jobs_of(api: httpx.Client, workflow_id: int) -> dict[str, dict[str, Any]]:
    page = get(api, "/jobs", workflow_id=workflow_id, include_relationships="true", limit=10_000)
    return {job["name"]: job for job in page["items"]}


def workflows_named(api: httpx.Client, name: str) -> list[dict[str, Any]]:
    return get(api, "/workflows", name=name, limit=10_000)["items"]


def spec_file(tmp_path: Path, filename: str, text: str) -> tuple[Path, str]:
    """The spec with a unique workflow name (the server is shared by the session)."""
    name = f"wf-{uuid.uuid4().hex[:10]}"
    path = tmp_path / filename
    path.write_text(textwrap.dedent(text).lstrip("\n").replace("WORKFLOW_NAME", name))
    return path, name


DIAMOND = """
name: WORKFLOW_NAME
description: Diamond workflow demonstrating fan-out and fan-in
jobs:
  - name: preprocess
    command: |
      cat ${files.input.input_file} |
      awk '{print $1}' > ${files.output.intermediate1}
      cat ${files.input.input_file} |
      awk '{print $2}' > ${files.output.intermediate2}
    resource_requirements: small
  - name: work1
    command: |
      cat ${files.input.intermediate1} |
      sort | uniq > ${files.output.result1}
    resource_requirements: medium
  - name: work2
    command: |
      cat ${files.input.intermediate2} |
      sort | uniq > ${files.output.result2}
    resource_requirements: medium
  - name: postprocess
    command: |
      paste ${files.input.result1} ${files.input.result2} > ${files.output.final_output}
    resource_requirements: small
files:
  - name: input_file
    path: /tmp/input.txt
  - name: intermediate1
    path: /tmp/intermediate1.txt
  - name: intermediate2
    path: /tmp/intermediate2.txt
  - name: result1
    path: /tmp/result1.txt
  - name: result2
    path: /tmp/result2.txt
  - name: final_output
    path: /tmp/output.txt
resource_requirements:
  - name: small
    num_cpus: 1
    num_gpus: 0
    num_nodes: 1
    memory: 1g
    runtime: PT10M
  - name: medium
    num_cpus: 4
    num_gpus: 0
    num_nodes: 1
    memory: 4g
    runtime: PT30M
"""


def test_create_the_diamond_tutorial(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    done = torc(server, "workflows", "create", str(path))
    assert done.returncode == 0, done.stderr
    workflow_id = int(done.stdout.strip().removeprefix("Created workflow "))
    assert done.stdout == f"Created workflow {workflow_id}\n"
    workflow = get(api, f"/workflows/{workflow_id}")
    assert workflow["name"] == name
    assert json.loads(workflow["resource_monitor_config"]) == {
        "enabled": True,
        "granularity": "summary",
        "sample_interval_seconds": 5,
        "generate_plots": False,
    }
    jobs = jobs_of(api, workflow_id)
    files = {f["id"]: f for f in get(api, "/files", workflow_id=workflow_id)["items"]}
    by_name = {f["name"]: f["id"] for f in files.values()}
    assert set(jobs) == {"preprocess", "work1", "work2", "postprocess"}
    assert jobs["preprocess"]["command"].startswith("cat /tmp/input.txt |\n")
    assert jobs["work1"]["input_file_ids"] == [by_name["intermediate1"]]
    assert sorted(jobs["postprocess"]["input_file_ids"]) == sorted(
        [by_name["result1"], by_name["result2"]]
    )
    requirements = {
        r["id"]: r for r in get(api, "/resource_requirements", workflow_id=workflow_id)["items"]
    }
    assert requirements[jobs["work2"]["resource_requirements_id"]]["name"] == "medium"


def test_create_json_output_and_user(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    done = torc(server, "-f", "json", "workflows", "create", "-u", "alice", str(path))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["workflow_id"] == answer["id"]
    assert answer["name"] == name and answer["user"] == "alice"
    assert answer["jobs"] == 4 and answer["files"] == 6 and answer["resource_requirements"] == 2
    assert get(api, f"/workflows/{answer['id']}")["user"] == "alice"


def test_dry_run_reports_and_creates_nothing(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    done = torc(server, "workflows", "create", "--dry-run", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Workflow Validation Results\n"
        "===========================\n"
        "\n"
        f"Workflow: {name}\n"
        "Description: Diamond workflow demonstrating fan-out and fan-in\n"
        "\n"
        "Components to be created:\n"
        "  Jobs: 4\n"
        "  Files: 6\n"
        "  User data records: 0\n"
        "  Resource requirements: 2\n"
        "  Slurm schedulers: 0\n"
        "  Workflow actions: 0\n"
        "\n"
        "Submission: Not ready for scheduler submission (no on_workflow_start schedule_nodes "
        "action); run it locally with 'torc run'\n"
        "\n"
        "Validation: PASSED\n"
    )
    assert workflows_named(api, name) == []
    as_json = torc(server, "-f", "json", "workflows", "create", "--dry-run", str(path))
    assert as_json.returncode == 0
    report = json.loads(as_json.stdout)
    assert report["valid"] is True
    assert report["components"]["jobs"] == 4
    assert workflows_named(api, name) == []


BROKEN = """
name: WORKFLOW_NAME
jobs:
  - name: a
    comand: echo a
  - name: b
    command: echo b
    depends_on: [c]
"""


def test_a_spec_with_problems_is_refused_with_file_and_line(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(tmp_path, "broken.yaml", BROKEN)
    done = torc(server, "workflows", "create", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"torc: {path}:4: job 'a': unknown key 'comand'; did you mean 'command'?\n"
    )
    assert "Traceback" not in done.stderr
    assert workflows_named(api, name) == []

    dry = torc(server, "-f", "json", "workflows", "create", "--dry-run", str(path))
    assert dry.returncode == 1
    report = json.loads(dry.stdout)  # exactly one JSON document
    assert report["valid"] is False
    assert report["errors"] == [f"{path}:4: job 'a': unknown key 'comand'; did you mean 'command'?"]


def test_reference_errors_and_cycles_prevent_creation(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(
        tmp_path,
        "cycle.yaml",
        """
        name: WORKFLOW_NAME
        jobs:
          - {name: a, command: x, depends_on: [b]}
          - {name: b, command: x, depends_on: [a]}
          - {name: c, command: x, depends_on: [nope]}
        """,
    )
    for extra in ((), ("--skip-checks",)):
        done = torc(server, "workflows", "create", *extra, str(path))
        assert done.returncode == 1
        assert done.stderr.splitlines() == [
            f"torc: {path}:5: Job 'c' depends_on job 'nope', which is not defined",
            f"torc: {path}:3: Circular dependency detected involving jobs: 'a', 'b' "
            "(a -> b -> a; each waits for the next)",
        ]
    dry = torc(server, "workflows", "create", "--dry-run", str(path))
    assert dry.returncode == 1
    assert "Errors (2):" in dry.stdout and dry.stdout.endswith("Validation: FAILED\n")
    assert workflows_named(api, name) == []


MULTI_NODE = """
name: WORKFLOW_NAME
jobs:
  - {name: a, command: x, scheduler: big}
slurm_schedulers:
  - {name: big, account: acct, nodes: 4, walltime: "01:00:00"}
actions:
  - trigger_type: on_workflow_start
    action_type: schedule_nodes
    scheduler: big
    scheduler_type: slurm
    num_allocations: 2
"""


def test_skip_checks(server: RunningServer, api: httpx.Client, tmp_path: Path) -> None:
    path, name = spec_file(tmp_path, "nodes.yaml", MULTI_NODE)
    refused = torc(server, "workflows", "create", str(path))
    assert refused.returncode == 1
    assert "Scheduler 'big' allocates 4 nodes" in refused.stderr
    assert workflows_named(api, name) == []
    done = torc(server, "-f", "json", "workflows", "create", "--skip-checks", str(path))
    assert done.returncode == 0, done.stderr
    assert "torc: warning: " in done.stderr and "--skip-checks" in done.stderr
    workflow_id = json.loads(done.stdout)["workflow_id"]
    actions = get(api, f"/workflows/{workflow_id}/actions")
    scheduler = get(api, "/slurm_schedulers", workflow_id=workflow_id)["items"][0]
    assert actions[0]["action_config"] == {
        "scheduler_id": scheduler["id"],
        "scheduler_type": "slurm",
        "num_allocations": 2,
        "start_one_worker_per_node": False,
    }
    assert scheduler["nodes"] == 4
    assert jobs_of(api, workflow_id)["a"]["scheduler_id"] == scheduler["id"]


def test_no_resource_monitoring(server: RunningServer, api: httpx.Client, tmp_path: Path) -> None:
    path, _ = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    done = torc(server, "-f", "json", "workflows", "create", "--no-resource-monitoring", str(path))
    assert done.returncode == 0, done.stderr
    workflow = get(api, f"/workflows/{json.loads(done.stdout)['id']}")
    assert json.loads(workflow["resource_monitor_config"])["enabled"] is False


PARAMETERIZED_KDL = """
name "WORKFLOW_NAME"
description "parameterized KDL"
parameters {
    i "1:100"
}
job "job_{i:03d}" {
    command "echo {i} > ${files.output.out_{i:03d}}"
    use_parameters "i"
}
job "aggregate" {
    command "cat /out/*"
    input_file "out_{i:03d}"
    use_parameters "i"
}
file "out_{i:03d}" {
    path "/out/{i:03d}.txt"
    use_parameters "i"
}
user_data "settings" {
    is_ephemeral #true
    data "{\\"threshold\\": 0.5}"
}
action {
    trigger_type "on_jobs_complete"
    action_type "run_commands"
    job_name_regexes "^job_0[0-4]"
    command "echo first fifty done"
}
action {
    trigger_type "on_worker_start"
    action_type "run_commands"
    command "hostname"
}
"""


def test_create_parameterized_kdl(server: RunningServer, api: httpx.Client, tmp_path: Path) -> None:
    path, _ = spec_file(tmp_path, "params.kdl", PARAMETERIZED_KDL)
    done = torc(server, "-f", "json", "workflows", "create", str(path))
    assert done.returncode == 0, done.stderr
    workflow_id = json.loads(done.stdout)["id"]
    jobs = jobs_of(api, workflow_id)
    assert len(jobs) == 101
    assert jobs["job_007"]["command"] == "echo 7 > /out/007.txt"
    assert len(jobs["aggregate"]["input_file_ids"]) == 100
    user_data = get(api, "/user_data", workflow_id=workflow_id)["items"]
    assert [(u["name"], u["data"], u["is_ephemeral"]) for u in user_data] == [
        ("settings", {"threshold": 0.5}, True)
    ]
    actions = get(api, f"/workflows/{workflow_id}/actions")
    first = [jobs[n]["id"] for n in jobs if n.startswith("job_0") and n < "job_050"]
    assert sorted(first) == sorted(actions[0]["job_ids"])
    assert actions[0]["required_triggers"] == 49
    assert actions[1]["persistent"] is True


JSON5_USER_DATA = """
{
  name: "WORKFLOW_NAME",
  description: "Jobs that pass configuration via user_data",
  jobs: [
    {
      name: "generate_config",
      command: "torc user-data update ${user_data.output.ml_config} --data '{}'",
    },
    {
      name: "train_model",
      command: "torc user-data get ${user_data.input.ml_config} | jq '.data'",
    },
  ],
  user_data: [
    {name: "ml_config", data: null},  // populated by generate_config
  ],
}
"""


def test_create_json5_with_user_data_relationships(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, _ = spec_file(tmp_path, "ud.json5", JSON5_USER_DATA)
    done = torc(server, "-f", "json", "workflows", "create", str(path))
    assert done.returncode == 0, done.stderr
    workflow_id = json.loads(done.stdout)["id"]
    jobs = jobs_of(api, workflow_id)
    record = get(api, "/user_data", workflow_id=workflow_id)["items"][0]
    assert jobs["generate_config"]["output_user_data_ids"] == [record["id"]]
    assert jobs["train_model"]["input_user_data_ids"] == [record["id"]]
    # the runner replaces the variable with the record's id when it starts the job
    assert "${user_data.input.ml_config}" in jobs["train_model"]["command"]


def test_execution_plan_from_a_file_and_from_the_server(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    path, name = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    expected = (
        f"Workflow: {name}\n"
        "Total Jobs: 4\n"
        "\n"
        "▶ Stage 1: Workflow Start\n"
        "  Jobs Becoming Ready:\n"
        "    • preprocess\n"
        "\n"
        "→ Stage 2: When job 'preprocess' completes\n"
        "  Jobs Becoming Ready:\n"
        "    • work1\n"
        "    • work2\n"
        "\n"
        "→ Stage 3: When jobs 'work1', 'work2' complete\n"
        "  Jobs Becoming Ready:\n"
        "    • postprocess\n"
        "\n"
        "Total Stages: 3\n"
    )
    from_file = torc(server, "workflows", "execution-plan", str(path))
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stdout == expected
    created = torc(server, "-f", "json", "workflows", "create", str(path))
    workflow_id = json.loads(created.stdout)["id"]
    from_server = torc(server, "workflows", "execution-plan", str(workflow_id))
    assert from_server.returncode == 0, from_server.stderr
    assert from_server.stdout == f"Workflow ID: {workflow_id}\n" + expected
    as_json = json.loads(
        torc(server, "-f", "json", "workflows", "execution-plan", str(workflow_id)).stdout
    )
    assert as_json["total_stages"] == 3 and as_json["workflow_id"] == workflow_id
    assert as_json["stages"][2]["jobs_becoming_ready"] == ["postprocess"]


def test_execution_plan_of_a_broken_spec(server: RunningServer, tmp_path: Path) -> None:
    path, _ = spec_file(tmp_path, "broken.yaml", BROKEN)
    done = torc(server, "workflows", "execution-plan", str(path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"torc: {path}:4: job 'a': unknown key 'comand'")


def test_sdk_create_from_file_and_dict(
    server: RunningServer, api: httpx.Client, tmp_path: Path
) -> None:
    import torc
    from torc.spec import SpecError
    from torc.workflows import create_workflow_from_dict, create_workflow_from_file

    client = torc.make_api(server.url)
    path, name = spec_file(tmp_path, "diamond.yaml", DIAMOND)
    created = create_workflow_from_file(client, path, user="sdk-user")
    assert created.workflow.name == name and created.workflow.user == "sdk-user"
    assert len(created.job_ids) == 4 and len(created.file_ids) == 6
    from_dict = create_workflow_from_dict(
        client,
        {
            "name": f"{name}-dict",
            "jobs": [{"name": "j_{i}", "command": "echo {i}", "parameters": {"i": "1:3"}}],
        },
    )
    assert sorted(jobs_of(api, from_dict.workflow.id)) == ["j_1", "j_2", "j_3"]
    with pytest.raises(SpecError) as info:
        create_workflow_from_dict(client, {"name": "x", "jobs": [{"name": "a"}]})
    assert str(info.value) == "job 'a': missing required key 'command'"

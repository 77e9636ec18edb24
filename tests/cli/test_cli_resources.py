"""The resource commands, group by group, against a real server: create, list, get, update and
delete through `torc`, checked through `torc` itself (`-f json`) and through the table output."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli, unique_user

SMALL = """
name: NAME
description: two jobs and a file
jobs:
  - name: produce
    command: echo produce > ${files.output.out}
    resource_requirements: small
  - name: consume
    command: cat ${files.input.out}
files:
  - name: out
    path: out.txt
  - name: extra
    path: extra.txt
user_data:
  - name: settings
    data: {"a": 1}
resource_requirements:
  - name: small
    num_cpus: 1
    memory: 1g
    runtime: PT5M
"""


def test_workflows_new_get_update_list_archive_delete(cli: Cli) -> None:
    user = unique_user()
    created = cli.json("workflows", "new", "-n", "first", "-d", "a description", "-u", user)
    wid = created["id"]
    assert created["user"] == user and created["description"] == "a description"
    other = cli.json("workflows", "new", "--name", "second", "--user", user)["id"]

    updated = cli.json("workflows", "update", str(wid), "-n", "renamed", "--owner-user", user)
    assert updated["name"] == "renamed"
    assert cli.json("workflows", "get", str(wid)) == updated

    archived = cli.json("workflows", "archive", "true", str(wid))
    assert archived == {"status": "success", "updated_workflows": [wid], "is_archived": True}
    table = cli.ok("workflows", "list", "--user", user)
    assert "second" in table and "renamed" not in table and "Total: 1 workflows" in table
    only = cli.json("workflows", "list", "-u", user, "--archived-only")["workflows"]
    assert [w["id"] for w in only] == [wid]
    assert "Successfully unarchived workflow" in cli.ok("workflows", "archive", "false", str(wid))
    both = cli.json("workflows", "list", "-u", user, "--include-archived", "--reverse-sort")
    assert [w["id"] for w in both["workflows"]] == [other, wid]
    everyone = cli.json("workflows", "list", "--all-users", "--sort-by", "name", "-l", "3")
    names = [w["name"] for w in everyone["workflows"]]
    assert names == sorted(names) and len(names) <= 3

    # someone else's workflow needs --force; without a terminal, deleting needs --no-prompts
    line = cli.fails("workflows", "delete", str(wid))
    assert "belongs to user" in line and "--force" in line
    line = cli.fails("workflows", "delete", str(wid), "--force")
    assert "--no-prompts" in line
    deleted = cli.json("workflows", "delete", str(wid), str(other), "--force", "--no-prompts")
    assert [w["id"] for w in deleted["deleted_workflows"]] == [wid, other]


def test_workflow_status_and_cancel(cli: Cli) -> None:
    wid = cli.create(SMALL)
    status = cli.json("workflows", "status", str(wid))
    assert status["status"] == "uninitialized" and status["run_id"] == 0
    assert status["job_counts"]["uninitialized"] == 2 and status["total_jobs"] == 2
    assert cli.json("workflows", "initialize", str(wid))["run_id"] == 1
    canceled = cli.json("workflows", "cancel", str(wid))
    assert canceled["status"] == "canceled" and canceled["workflow_status"]["is_canceled"]
    text = cli.ok("workflows", "status", str(wid))
    assert f"Status of workflow {wid}" in text and "canceled" in text and "ready: 1" in text


def test_files(cli: Cli) -> None:
    wid = cli.create(SMALL)
    files = cli.json("files", "list", str(wid))["files"]
    assert [f["name"] for f in files] == ["out", "extra"]
    made = cli.json("files", "create", str(wid), "-n", "third", "-p", "/tmp/third.txt")
    assert made["path"] == "/tmp/third.txt"
    changed = cli.json("files", "update", str(made["id"]), "--name", "renamed", "--path", "/x")
    assert (changed["name"], changed["path"]) == ("renamed", "/x")
    assert cli.json("files", "get", str(made["id"])) == changed
    producer = cli.json("jobs", "list", str(wid))["jobs"][0]["id"]
    produced = cli.json("files", "list", str(wid), "--produced-by-job-id", str(producer))
    assert [f["name"] for f in produced["files"]] == ["out"]
    # no job produces `extra` but nothing reads it either; make one that a job needs
    needed = cli.json("files", "create", str(wid), "--name", "needed", "--path", "needed.txt")
    cli.json("jobs", "create", str(wid), "-n", "reader", "-c", "true", "-i", str(needed["id"]))
    required = cli.json("files", "list-required-existing", str(wid))
    assert required == {"workflow_id": wid, "files": [needed["id"]]}
    assert "Deleted file" in cli.ok("files", "delete", str(made["id"]))


def test_jobs(cli: Cli) -> None:
    wid = cli.create(SMALL)
    jobs = cli.json("jobs", "list", str(wid))["jobs"]
    produce, consume = (j["id"] for j in jobs)
    small = jobs[0]["resource_requirements_id"]
    made = cli.json(
        "jobs", "create", str(wid), "--name", "third", "--command", "echo 3",
        "-r", str(small), "-b", f"{produce},{consume}",
    )  # fmt: skip
    assert made["resource_requirements_id"] == small
    assert made["depends_on_job_ids"] == [produce, consume]
    changed = cli.json("jobs", "update", str(made["id"]), "-n", "renamed", "-c", "echo 4")
    assert (changed["name"], changed["command"]) == ("renamed", "echo 4")
    assert cli.json("jobs", "get", str(made["id"])) == changed

    downstream = cli.json("jobs", "list", str(wid), "--upstream-job-id", str(produce))["jobs"]
    assert {j["name"] for j in downstream} == {"renamed"}
    ordered = cli.json(
        "jobs", "list", str(wid), "-s", "uninitialized", "--sort-by", "name", "--reverse-sort"
    )["jobs"]
    assert [j["name"] for j in ordered] == ["renamed", "produce", "consume"]
    table = cli.ok("jobs", "list", str(wid), "--include-relationships", "--limit", "2")
    assert "Blocked By" in table and "Showing 2 of 3 jobs" in table

    reqs = cli.json("jobs", "list-resource-requirements", str(wid))["jobs"]
    assert {r["job_name"]: r["resource_requirements_name"] for r in reqs}["produce"] == "small"
    one = cli.ok("jobs", "list-resource-requirements", str(wid), "-j", str(produce))
    assert "small" in one and "consume" not in one

    counts = cli.json("jobs", "list-by-status", str(wid))
    assert counts["total"] == 3 and counts["counts"]["uninitialized"] == 3

    deleted = cli.json("jobs", "delete", str(made["id"]))
    assert [j["id"] for j in deleted["jobs"]] == [made["id"]]
    assert cli.json("jobs", "delete-all", str(wid)) == {"workflow_id": wid, "deleted_count": 2}
    assert "No jobs found" in cli.ok("jobs", "list", str(wid))


def test_jobs_create_from_file(cli: Cli) -> None:
    wid = cli.create(SMALL)
    commands = cli.cwd / "batch_jobs.txt"
    commands.write_text("# Data processing jobs\npython process.py --batch 1\n\n  echo two\n")
    made = cli.json(
        "jobs", "create-from-file", str(wid), str(commands),
        "--cpus-per-job", "4", "--memory-per-job", "8g", "--runtime-per-job", "P0DT2H",
    )  # fmt: skip
    assert made["count"] == 2
    jobs = {j["name"]: j for j in cli.json("jobs", "list", str(wid))["jobs"]}
    assert jobs["job3"]["command"] == "python process.py --batch 1"
    assert jobs["job4"]["command"] == "echo two"
    rr = cli.json("resource-requirements", "get", str(made["resource_requirements_id"]))
    assert (rr["num_cpus"], rr["memory"], rr["runtime"]) == (4, "8g", "P0DT2H")
    assert jobs["job3"]["resource_requirements_id"] == rr["id"]
    assert "(job5 to job6)" in cli.ok("jobs", "create-from-file", str(wid), str(commands))


def test_job_dependencies(cli: Cli) -> None:
    wid = cli.create(SMALL)
    cli.ok("workflows", "initialize", str(wid))
    deps = cli.json("job-dependencies", "job-job", str(wid))["job_dependencies"]
    assert [(d["job_name"], d["depends_on_job_name"]) for d in deps] == [("consume", "produce")]
    files = cli.json("job-dependencies", "job-file", str(wid), "--limit", "10", "--offset", "0")
    rel = files["job_file_relationships"]
    assert [(r["file_name"], r["producer_job_name"], r["consumer_job_name"]) for r in rel] == [
        ("out", "produce", "consume"),
        ("extra", None, None),
    ]
    data = cli.json("job-dependencies", "job-user-data", str(wid))["job_user_data_relationships"]
    assert [(d["user_data_name"], d["producer_job_id"]) for d in data] == [("settings", None)]
    table = cli.ok("job-dependencies", "job-job", str(wid))
    assert "Blocked By Job Name" in table and "produce" in table


def test_resource_requirements(cli: Cli) -> None:
    wid = cli.create(SMALL)
    made = cli.json("resource-requirements", "create", str(wid), "--name", "big")
    assert (made["num_cpus"], made["num_gpus"], made["num_nodes"]) == (1, 0, 1)
    assert (made["memory"], made["runtime"]) == ("1m", "P0DT1M")
    made = cli.json(
        "resource-requirements", "create", str(wid), "-n", "gpu", "--num-cpus", "8",
        "--num-gpus", "2", "--num-nodes", "2", "-m", "20g", "-r", "P0DT1H",
    )  # fmt: skip
    assert (made["num_cpus"], made["num_gpus"], made["memory"]) == (8, 2, "20g")
    changed = cli.json(
        "resource-requirements", "update", str(made["id"]), "--num-cpus", "16",
        "--memory", "64g", "--runtime", "1h30m", "-n", "gpu2",
    )  # fmt: skip
    assert (changed["num_cpus"], changed["memory"], changed["name"]) == (16, "64g", "gpu2")
    assert changed["runtime"] == "P0DT1H30M0S"
    assert cli.json("resource-requirements", "get", str(made["id"]))["num_gpus"] == 2
    table = cli.ok("resource-requirements", "list", str(wid))
    assert all(name in table for name in ("default", "small", "big", "gpu2"))
    cli.json("resource-requirements", "delete", str(made["id"]))
    line = cli.fails("resource-requirements", "create", str(wid), "-n", "bad", "-m", "lots")
    assert "memory" in line


def test_events(cli: Cli) -> None:
    wid = cli.create(SMALL)
    made = cli.json("events", "create", str(wid), "--data", '{"category": "note", "text": "hi"}')
    assert made["data"]["text"] == "hi"
    cli.ok("workflows", "initialize", str(wid))
    events = cli.json("events", "list", str(wid))["events"]
    assert events[0]["id"] == made["id"]
    categories = {e["data"].get("category") for e in events}
    assert {"note", "workflow"} <= categories
    notes = cli.json("events", "list", str(wid), "-c", "note")["events"]
    assert [e["id"] for e in notes] == [made["id"]]
    newest = cli.json("events", "list", str(wid), "-s", "timestamp", "-r", "-l", "1", "-o", "0")
    latest = cli.json("events", "get-latest-event", str(wid))
    assert newest["events"] == [latest]
    assert cli.json("events", "delete", str(made["id"]))["id"] == made["id"]
    assert "note" not in cli.ok("events", "list", str(wid))


def test_results_and_compute_nodes(cli: Cli) -> None:
    wid = cli.create(
        """
        name: NAME
        jobs:
          - name: good
            command: "true"
          - name: bad
            command: "exit 3"
        """
    )
    done = cli("run", str(wid), "-p", "0.1")
    assert done.returncode == 1, done.stderr  # one job failed
    results = cli.json("results", "list", str(wid))["results"]
    assert sorted(r["return_code"] for r in results) == [0, 3]
    failed = cli.json("results", "list", str(wid), "--failed")["results"]
    assert [r["return_code"] for r in failed] == [3]
    by_job = cli.json(
        "results", "list", str(wid), "-j", str(failed[0]["job_id"]), "-r", "1",
        "--return-code", "3", "-s", "failed", "--all-runs",
    )  # fmt: skip
    assert by_job["results"] == failed
    table = cli.ok("results", "list", str(wid), "--failed")
    assert f"Results for workflow ID {wid}:" in table and "Total: 1 results" in table
    assert "Return Code" in table and "Peak Mem" in table
    one = cli.json("results", "get", str(failed[0]["id"]))
    assert one["return_code"] == 3

    nodes = cli.json("compute-nodes", "list", str(wid), "-l", "5", "-o", "0", "-s", "id", "-r")
    nodes = nodes["compute_nodes"]
    assert len(nodes) == 1 and nodes[0]["compute_node_type"] == "local"
    node = cli.json("compute-nodes", "get", str(nodes[0]["id"]))
    assert node == nodes[0]

    assert cli.json("results", "delete", str(one["id"]))["id"] == one["id"]
    assert "Total: 1 results" in cli.ok("results", "list", str(wid))


def test_user_data(cli: Cli) -> None:
    wid = cli.create(SMALL)
    listed = cli.json("user-data", "list", str(wid))["user_data"]
    assert [(u["name"], u["data"]) for u in listed] == [("settings", {"a": 1})]
    made = cli.json("user-data", "create", str(wid), "-n", "empty", "--ephemeral")
    assert made["is_ephemeral"] is True and made["data"] is None
    full = cli.json("user-data", "create", str(wid), "--name", "full", "-d", '{"k": [1, 2]}')
    # `user-data get` prints the record as JSON in either format (tutorial: `| jq '.data'`)
    assert json.loads(cli.ok("user-data", "get", str(full["id"])))["data"] == {"k": [1, 2]}
    changed = cli.json(
        "user-data", "update", str(made["id"]), "--data", '{"x": 1}', "--ephemeral", "false"
    )
    assert changed["data"] == {"x": 1} and changed["is_ephemeral"] is False
    renamed = cli.json("user-data", "update", str(made["id"]), "-n", "renamed")
    assert renamed["data"] == {"x": 1}  # kept
    listed = cli.json("user-data", "list", str(wid), "--is-ephemeral", "false", "--sort-by", "name")
    assert [u["name"] for u in listed["user_data"]] == ["full", "renamed", "settings"]
    page = cli.json("user-data", "list", str(wid), "-l", "1", "-o", "1", "--reverse-sort")
    assert [u["name"] for u in page["user_data"]] == ["renamed"]

    consumer = cli.json("jobs", "create", str(wid), "-n", "reader", "-c", "true")["id"]
    cli.json("user-data", "create", str(wid), "-n", "needed", "--consumer-job-id", str(consumer))
    assert "needed" in cli.ok("user-data", "list-missing", str(wid))
    assert "needs quotes" in cli.fails("user-data", "create", str(wid), "-n", "x", "-d", "text")
    # any JSON value, as the guide's examples store them
    for name, value in (("n", 3), ("a", [1, "two", None]), ("s", "text"), ("b", False)):
        made = cli.json("user-data", "create", str(wid), "-n", name, "-d", json.dumps(value))
        assert made["data"] == value
        assert json.loads(cli.ok("user-data", "get", str(made["id"])))["data"] == value
    changed = cli.json("user-data", "update", str(made["id"]), "-d", "[1, 2]")
    assert changed["data"] == [1, 2]
    assert cli.json("user-data", "delete", str(full["id"]))["name"] == "full"
    assert cli.json("user-data", "delete-all", str(wid))["deleted_count"] == 7


def test_slurm_configs(cli: Cli) -> None:
    wid = cli.create(SMALL)
    made = cli.json("slurm", "create", str(wid), "--name", "short", "--account", "proj")
    assert (made["nodes"], made["qos"], made["walltime"]) == (1, "normal", "04:00:00")
    made = cli.json(
        "slurm", "create", str(wid), "-n", "gpu", "-a", "proj", "-g", "gpu:2", "-m", "180G",
        "-N", "2", "-p", "gpu", "-q", "high", "-t", "100G", "-W", "01:00:00",
        "-e", "--reservation=r1",
    )  # fmt: skip
    assert (made["gres"], made["nodes"], made["extra"]) == ("gpu:2", 2, "--reservation=r1")
    changed = cli.json(
        "slurm", "update", str(made["id"]), "-N", "gpu2", "-n", "4", "--walltime", "02:00:00"
    )
    assert (changed["name"], changed["nodes"], changed["walltime"]) == ("gpu2", 4, "02:00:00")
    assert changed["account"] == "proj"
    assert cli.json("slurm", "get", str(made["id"])) == changed
    listed = cli.json("slurm", "list", str(wid), "--limit", "1", "--offset", "1")
    assert [s["name"] for s in listed["slurm_schedulers"]] == ["gpu2"]
    cli.json("slurm", "delete", str(made["id"]))
    table = cli.ok("slurm", "list", str(wid))
    assert "short" in table and "gpu2" not in table
    # submitting needs an on_workflow_start schedule_nodes action (tests/slurm submit for real)
    for args in (("submit", str(wid)), ("workflows", "submit", str(wid))):
        assert "has no on_workflow_start action" in cli.fails(*args)

"""Output and input rules every command follows: `-f json` is one JSON document and nothing
else; lists page through everything unless `--limit` says otherwise; a missing workflow id is
asked for on a terminal (archived workflows left out) and is an error without one; bad input
(an unknown id, an unreachable server, a refused login, an invalid value) is one line on stderr
and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.cli.conftest import TORC, Cli, unique_user

MANY_FILES = 10_050  # more than one server page (10,000 records)


def test_json_is_one_document_for_every_kind_of_output(cli: Cli) -> None:
    wid = cli.create(
        """
        name: NAME
        jobs:
          - name: a
            command: "true"
        """
    )
    # every other test reads `-f json` output with json.loads(stdout), which fails on anything
    # but exactly one document; here: the option anywhere on the line, and from the environment
    for line in (
        ("--format", "json", "workflows", "status", str(wid)),  # a computed document
        ("workflows", "initialize", str(wid), "-f", "json"),  # the outcome of a change
        ("jobs", "-f", "json", "list", str(wid)),  # a list
    ):
        done = cli(*line)
        assert done.returncode == 0, done.stderr
        json.loads(done.stdout)
    env_json = Cli(cli.url, cli.cwd, {**cli.env, "TORC_CLIENT__FORMAT": "json"})
    assert json.loads(env_json.ok("jobs", "delete-all", str(wid))) == {
        "workflow_id": wid,
        "deleted_count": 1,
    }


def test_lists_page_through_everything_unless_limited(cli: Cli) -> None:
    spec = cli.cwd / "many.yaml"
    spec.write_text(
        "name: many_files\njobs:\n  - name: j\n    command: 'true'\nfiles:\n"
        f"  - name: f{{i}}\n    path: data/f{{i}}\n    parameters:\n      i: '1:{MANY_FILES}'\n"
    )
    wid = cli.json("workflows", "create", str(spec))["id"]
    files = cli.json("files", "list", str(wid))["files"]
    assert len(files) == MANY_FILES
    assert len({f["id"] for f in files}) == MANY_FILES
    assert [f["name"] for f in files[:2]] == ["f1", "f2"] and files[-1]["name"] == f"f{MANY_FILES}"

    limited = cli.json("files", "list", str(wid), "--limit", "10020", "--offset", "5")["files"]
    assert [f["id"] for f in limited] == [f["id"] for f in files[5:10025]]
    tail = cli.json("files", "list", str(wid), "-l", "10", "--offset", str(MANY_FILES - 3))
    assert [f["name"] for f in tail["files"]] == [
        f"f{i}" for i in range(MANY_FILES - 2, MANY_FILES + 1)
    ]
    desc = cli.json("files", "list", str(wid), "--sort-by", "id", "--reverse-sort", "-l", "2")
    assert [f["id"] for f in desc["files"]] == [files[-1]["id"], files[-2]["id"]]
    assert cli.json("files", "list", str(wid), "--limit", "0") == {"files": []}


def test_a_limited_table_says_how_many_match(cli: Cli) -> None:
    spec = cli.cwd / "five.yaml"
    spec.write_text(
        "name: five\njobs:\n  - name: j{i}\n    command: 'true'\n    parameters:\n      i: '1:5'\n"
    )
    wid = str(cli.json("workflows", "create", str(spec))["id"])
    assert "Showing 3 of 5 jobs" in cli.ok("jobs", "list", wid, "--limit", "3")
    assert "Showing 2 of 5 jobs" in cli.ok("jobs", "list", wid, "--offset", "3")
    assert "Total: 5 jobs" in cli.ok("jobs", "list", wid)
    assert "Total: 5 jobs" in cli.ok("jobs", "list", wid, "--limit", "5")


def test_missing_workflow_id_without_a_terminal(cli: Cli) -> None:
    for args in (("jobs", "list"), ("events", "monitor"), ("workflows", "archive", "true")):
        line = cli.fails(*args)
        assert "no workflow ID" in line and "argument" in line and "terminal" in line, line


def _interactive(cli: Cli, user: str, args: list[str], answers: list[str]) -> tuple[int, str, str]:
    """Run `torc` with a terminal on stdin, typing `answers` one at a time (each after the
    prompt before it has appeared on stderr); the exit code, stdout and stderr."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [*TORC, "--url", cli.url, *args],
        cwd=cli.cwd,
        env={**cli.env, "USER": user},
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(secondary)
    assert proc.stderr is not None and proc.stdout is not None
    err = b""
    deadline = time.monotonic() + 60
    pending = list(answers)
    while proc.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 0.2)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 65536)
            err += chunk
            prompts = len(re.findall(rb"Workflow IDs?[^:\n]*: ", err))
            if pending and prompts > len(answers) - len(pending):
                os.write(primary, pending.pop(0).encode() + b"\n")
    out = proc.stdout.read().decode()
    err += proc.stderr.read()
    proc.wait(timeout=10)
    os.close(primary)
    return proc.returncode, out, err.decode()


def test_interactive_selection_on_a_terminal_leaves_out_archived_workflows(cli: Cli) -> None:
    user = unique_user()
    active = cli.json("workflows", "new", "-n", "active_one", "-u", user)["id"]
    archived = cli.json("workflows", "new", "-n", "archived_one", "-u", user)["id"]
    cli.ok("workflows", "archive", "true", str(archived))
    cli.json("jobs", "create", str(active), "-n", "the_job", "-c", "true")

    code, out, err = _interactive(
        cli, user, ["-f", "json", "jobs", "list"], [str(archived), str(active)]
    )
    assert code == 0, err
    assert "active_one" in err and "archived_one" not in err  # the menu, on stderr
    assert "is not one of the IDs listed" in err
    assert [j["name"] for j in json.loads(out)["jobs"]] == ["the_job"]

    # unarchiving chooses among the archived workflows
    code, out, err = _interactive(cli, user, ["workflows", "archive", "false"], [str(archived)])
    assert code == 0, err
    assert "archived_one" in err and "active_one" not in err
    assert f"Successfully unarchived workflow {archived}" in out


def test_unknown_ids_are_one_line(cli: Cli) -> None:
    for args in (
        ("jobs", "get", "987654321"),
        ("jobs", "list", "987654321"),
        ("user-data", "update", "987654321", "-d", "{}"),
        ("events", "monitor", "987654321"),
    ):
        line = cli.fails(*args)
        assert "404" in line and "987654321" in line, line


def test_unreachable_server_is_one_line_naming_the_url(cli: Cli) -> None:
    gone = Cli("http://127.0.0.1:9/torc-service/v1", cli.cwd, cli.env)
    line = gone.fails("workflows", "list")
    assert "http://127.0.0.1:9/torc-service/v1" in line and "Check that" in line
    assert "cannot connect" in line
    assert "must start with http" in Cli("localhost:8080", cli.cwd, cli.env).fails(
        "jobs", "get", "1"
    )


@pytest.fixture
def refusing_server() -> Iterator[str]:
    class Refuse(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b'{"error": {"message": "invalid credentials"}}'
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("WWW-Authenticate", 'Basic realm="torc"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/torc-service/v1"
    server.shutdown()


def test_refused_login_is_one_line(cli: Cli, refusing_server: str) -> None:
    refused = Cli(refusing_server, cli.cwd, cli.env)
    line = refused.fails("--username", "alice", "--password", "wrong", "workflows", "list")
    assert "401" in line and "--username" in line and "--password" in line


def test_invalid_values_are_one_line(cli: Cli) -> None:
    wid = cli.json("workflows", "new", "-n", "values")["id"]
    assert "--limit" in cli.fails("jobs", "list", str(wid), "--limit", "many", code=2)
    assert "sleeping" in cli.fails("jobs", "list", str(wid), "--status", "sleeping", code=2)
    assert "Unknown command" in cli.fails("jobs", "frobnicate", code=2)
    assert "yaml" in cli.fails("-f", "yaml", "jobs", "list", str(wid), code=2)
    assert "--limit must be 0 or more" in cli.fails("jobs", "list", str(wid), "--limit", "-1")
    assert "cannot sort" in cli.fails("jobs", "list", str(wid), "--sort-by", "colour")
    assert "not valid JSON" in cli.fails("user-data", "create", str(wid), "-n", "x", "-d", "{x")
    assert "requires an argument" in cli.fails("files", "create", str(wid), "-n", "x", code=2)


def test_text_output_goes_to_stdout_and_notes_to_stderr(cli: Cli) -> None:
    wid = cli.json("workflows", "new", "-n", "notes")["id"]
    done = cli("jobs", "list", str(wid))
    assert done.returncode == 0 and done.stdout.strip() == f"No jobs found for workflow {wid}."
    assert done.stderr == ""

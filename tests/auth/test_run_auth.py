"""`torc run` against a server that requires a login: the runner logs in, its jobs get the
login through the environment, and no password shows up in a log or on a command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.auth.conftest import PASSWORDS, AuthServer, no_secret_in

# A job that checks, while it runs, that no process on the machine has the password in its
# command line, and that reaches the server itself with `torc` (logged in from the environment).
CHECK_ARGV = (
    'python3 -c \'import glob, os; pw = os.environ["TORC_PASSWORD"].encode(); '
    'bad = [p for p in glob.glob("/proc/[0-9]*/cmdline") '
    'if pw in (open(p, "rb").read() if os.path.exists(p) else b"")]; '
    'print("argv-with-password:", len(bad))\''
)


def test_torc_run_logs_in_and_hands_the_login_to_its_jobs(
    guarded: AuthServer, tmp_path: Path
) -> None:
    # The user name on the command line, the password in the environment only.
    cli = guarded.cli(tmp_path, "bob")
    del cli.env["TORC_USERNAME"]
    spec = cli.cwd / "workflow.yaml"
    spec.write_text(
        f"""
name: auth_run
jobs:
  - name: argv
    command: {json.dumps(CHECK_ARGV)}
  - name: reach
    command: torc -f json workflows get $TORC_WORKFLOW_ID > reach.json && echo user=$TORC_USERNAME
    depends_on: [argv]
"""
    )
    done = cli(
        "--username",
        "bob",
        "--log-level",
        "debug",
        "run",
        str(spec),
        "--output-dir",
        str(cli.cwd / "out"),
    )
    assert done.returncode == 0, done.stderr
    reached = json.loads((cli.cwd / "reach.json").read_text())
    assert reached["user"] == "bob" and reached["name"] == "auth_run"
    stdio = "".join(
        p.read_text()
        for p in (cli.cwd / "out").rglob("*")
        if p.is_file() and p.suffix in (".o", ".e")
    )
    assert "argv-with-password: 0" in stdio
    assert "user=bob" in stdio
    # No password or Authorization header in any file the run wrote, or in the server's log.
    for path in (cli.cwd / "out").rglob("*"):
        if path.is_file() and path.suffix != ".db":
            no_secret_in(path.read_text(errors="replace"))
    assert "DEBUG" in done.stderr  # the client logged its requests, and no secret with them
    no_secret_in(done.stdout + done.stderr)
    no_secret_in(guarded.log.read_text())
    assert PASSWORDS["bob"] not in (cli.cwd / "reach.json").read_text()

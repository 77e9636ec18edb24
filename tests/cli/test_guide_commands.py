"""Commands as the guide writes them: `torc create SPEC` (the deployment chapter's shortcut),
`torc run ID OUTPUT_DIR` (the debugging chapter), `torc --version`."""

from __future__ import annotations

import re

from tests.cli.conftest import Cli

SPEC = """
name: NAME
jobs:
  - name: hello
    command: echo hello
"""


def test_create_is_workflows_create(cli: Cli) -> None:
    path = cli.cwd / "workflow.yaml"
    path.write_text(SPEC.replace("NAME", "guide_create"))
    out = cli.ok("create", str(path))
    workflow_id = int(re.fullmatch(r"Created workflow (\d+)\n", out)[1])  # type: ignore[index]
    assert cli.json("workflows", "get", str(workflow_id))["name"] == "guide_create"
    assert cli.json("create", str(path))["jobs"] == 1


def test_run_takes_the_output_directory_as_its_second_argument(cli: Cli) -> None:
    workflow_id = cli.create(SPEC)
    cli.ok("run", str(workflow_id), "my_output", "-p", "0.2")
    assert (cli.cwd / "my_output" / "job_stdio").is_dir()
    assert list((cli.cwd / "my_output").glob("job_runner_*.log"))
    assert not (cli.cwd / "output").exists()
    line = cli.fails("run", str(workflow_id), "one", "--output-dir", "two")
    assert "two output directories" in line


def test_version_is_the_package_version(cli: Cli) -> None:
    from importlib.metadata import version

    out = cli.ok("--version")
    first, server = out.splitlines()
    assert first == f"torc {version('torc')}" and "0.0.0" not in out, out
    assert server.startswith("server 0.1.0") and server.endswith(cli.url), out
    alone = cli.ok("--url", "http://127.0.0.1:9/torc-service/v1", "--version")
    assert alone == f"torc {version('torc')}\n"  # no server there: the client's version only

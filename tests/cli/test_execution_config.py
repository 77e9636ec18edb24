"""`execution_config` is stored with the workflow and read back; unknown keys give a warning."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli


def test_execution_config_is_stored_and_read_back(cli: Cli) -> None:
    workflow_id = cli.create(
        """
        name: NAME
        execution_config:
          staggered_start: false
        jobs:
          - name: a
            command: "true"
        """
    )
    workflow = cli.json("workflows", "get", str(workflow_id))
    assert json.loads(workflow["execution_config"]) == {"staggered_start": False}


def test_a_workflow_without_execution_config_has_none(cli: Cli) -> None:
    workflow_id = cli.create("name: NAME\njobs: [{name: a, command: 'true'}]\n")
    assert "execution_config" not in cli.json("workflows", "get", str(workflow_id))


def test_unknown_execution_config_keys_warn_but_create(cli: Cli) -> None:
    (cli.cwd / "w.yaml").write_text(
        "name: warned\nexecution_config: {staggered_start: true, mode: fast}\n"
        "jobs: [{name: a, command: 'true'}]\n"
    )
    done = cli("workflows", "create", "w.yaml")
    assert done.returncode == 0, done.stderr
    assert "warning" in done.stderr and "'mode'" in done.stderr
    assert "Created workflow" in done.stdout

"""`execution_config` in every format: `staggered_start` is checked, unknown keys are kept with a
warning naming the file, the line and the key, and the workflow stores it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.spec.helpers import load, load_error

FORMATS = {
    "w.yaml": """
        name: w
        execution_config:
          staggered_start: false
        jobs:
          - name: a
            command: "true"
        """,
    "w.json": """
        {"name": "w", "execution_config": {"staggered_start": false},
         "jobs": [{"name": "a", "command": "true"}]}
        """,
    "w.json5": """
        {
          name: "w",
          execution_config: {staggered_start: false,},  // no jitter
          jobs: [{name: "a", command: "true"}],
        }
        """,
    "w.kdl": """
        name "w"
        execution_config {
            staggered_start #false
        }
        job "a" {
            command "true"
        }
        """,
}


@pytest.mark.parametrize("filename", FORMATS)
def test_every_format_reads_execution_config(tmp_path: Path, filename: str) -> None:
    spec = load(tmp_path, filename, FORMATS[filename])
    assert json.loads(spec.workflow["execution_config"]) == {"staggered_start": False}
    assert spec.warnings == []


def test_absent_execution_config_is_not_sent(tmp_path: Path) -> None:
    spec = load(tmp_path, "w.yaml", "name: w\njobs: [{name: a, command: 'true'}]\n")
    assert "execution_config" not in spec.workflow


def test_unknown_keys_are_kept_with_a_warning(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: w
        execution_config:
          staggered_start: true
          stagered_window: 30
        jobs: [{name: a, command: "true"}]
        """,
    )
    assert json.loads(spec.workflow["execution_config"]) == {
        "staggered_start": True,
        "stagered_window": 30,
    }
    (warning,) = [str(w) for w in spec.warnings]
    assert warning.startswith(f"{tmp_path / 'w.yaml'}:4:")
    assert "execution_config" in warning and "'stagered_window'" in warning


def test_staggered_start_must_be_a_boolean(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "w.yaml",
        """
        name: w
        execution_config:
          staggered_start: "no"
        jobs: [{name: a, command: "true"}]
        """,
    )
    (message,) = error.messages
    assert ":3:" in message and "staggered_start" in message and "true or false" in message

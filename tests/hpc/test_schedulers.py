"""Scheduler generation as a library (`torc_hpc.schedulers`): the pieces the CLI tests do not
reach quickly."""

from __future__ import annotations

import textwrap

import pytest

from torc_hpc import schedulers, spec_io
from torc_hpc.registry import Registry


def generate(text: str, profile: str = "dane", **options: object) -> dict:
    spec, document = spec_io.read_spec(textwrap.dedent(text).lstrip())
    chosen = Registry.load().get(profile)
    return schedulers.generate(
        spec, document, chosen, schedulers.Options(account="acct", **options)
    ).document


def test_jobs_without_requirements_leave_memory_to_slurm() -> None:
    document = generate(
        """
        name: plain
        jobs:
          - {name: a, command: "true"}
          - {name: b, command: "true", depends_on: [a]}
        """
    )
    assert document["slurm_schedulers"] == [
        {"name": "default_scheduler", "account": "acct", "nodes": 1, "walltime": "1-00:00:00"}
    ]
    assert [a["trigger_type"] for a in document["actions"]] == [
        "on_workflow_start",
        "on_jobs_ready",
    ]


def test_file_dependencies_make_stages_too() -> None:
    document = generate(
        """
        name: files
        files:
          - {name: raw, path: /data/raw.csv}
          - {name: processed, path: /data/processed.csv}
        resource_requirements:
          - {name: compute, num_cpus: 4, memory: 8g, runtime: PT1H}
        jobs:
          - {name: process, command: p, input_files: [raw], output_files: [processed], resource_requirements: compute}
          - {name: analyze, command: a, input_files: [processed], resource_requirements: compute}
        """
    )
    assert [(a["trigger_type"], a.get("jobs")) for a in document["actions"]] == [
        ("on_workflow_start", None),
        ("on_jobs_ready", ["analyze"]),
    ]


def test_the_yaml_written_reads_back_the_same() -> None:
    from ruamel.yaml import YAML

    document = {
        "name": "odd strings",
        "jobs": [
            {"name": "yes", "command": "echo 'a: b' # not a comment", "n": 3, "x": 1.5},
            {"name": "0x1F", "command": "2024-01-01", "depends_on": ["true", "null", "1e5"]},
            {"name": "multi", "command": "line one\nline two", "e": [], "d": {}, "t": True},
        ],
    }
    text = spec_io.render(document)
    assert YAML(typ="safe").load(text) == document


def test_a_cycle_is_refused_in_one_line() -> None:
    with pytest.raises(schedulers.GenerateError, match="circular dependency"):
        generate(
            """
            name: loop
            jobs:
              - {name: a, command: x, depends_on: [b]}
              - {name: b, command: x, depends_on: [a]}
            """
        )

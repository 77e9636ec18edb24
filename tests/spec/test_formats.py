"""Reading specifications in every format: YAML, JSON, JSON5, KDL 1 and KDL 2, by extension and by
fallback; syntax errors name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.spec.helpers import job, job_names, load, load_error, write
from torc.spec import load_spec
from torc.spec.kdl import KdlError, parse

# The guide's "Workflow Specification Formats" examples, one per format.
GUIDE_YAML = """
name: data_processing_workflow
user: datauser
description: Multi-stage data processing pipeline

# File definitions
files:
  - name: raw_data
    path: /data/input/raw_data.csv
  - name: processed_data
    path: /data/output/processed_data.csv

# Resource requirements
resource_requirements:
  - name: small_job
    num_cpus: 2
    num_gpus: 0
    num_nodes: 1
    memory: 4g
    runtime: PT30M

# Jobs
jobs:
  - name: download_data
    command: wget https://example.com/data.csv -O ${files.output.raw_data}
    resource_requirements: small_job

  - name: process_data
    command: python process.py ${files.input.raw_data} -o ${files.output.processed_data}
    resource_requirements: small_job
    depends_on:
      - download_data

# Workflow actions
actions:
  - trigger_type: on_workflow_start
    action_type: run_commands
    commands:
      - mkdir -p /data/input /data/output
      - echo "Workflow started"
"""

GUIDE_JSON5 = """
{
  name: "data_processing_workflow",
  user: "datauser",
  description: "Multi-stage data processing pipeline",

  // File definitions
  files: [
    {name: "raw_data", path: "/data/input/raw_data.csv"},
    {name: "processed_data", path: "/data/output/processed_data.csv"},
  ],

  // Resource requirements
  resource_requirements: [
    {
      name: "small_job",
      num_cpus: 2,
      num_gpus: 0,
      num_nodes: 1,
      memory: "4g",
      runtime: "PT30M",
    },
  ],

  // Jobs
  jobs: [
    {
      name: "download_data",
      command: "wget https://example.com/data.csv -O ${files.output.raw_data}",
      resource_requirements: "small_job",
    },
    {
      name: "process_data",
      command: "python process.py ${files.input.raw_data} -o ${files.output.processed_data}",
      resource_requirements: "small_job",
      depends_on: ["download_data"],
    },
  ],

  // Workflow actions
  actions: [
    {
      trigger_type: "on_workflow_start",
      action_type: "run_commands",
      commands: [
        "mkdir -p /data/input /data/output",
        "echo 'Workflow started'",
      ],
    },
  ],
}
"""

GUIDE_KDL = """
name "data_processing_workflow"
user "datauser"
description "Multi-stage data processing pipeline"

// File definitions
file "raw_data" path="/data/input/raw_data.csv"
file "processed_data" path="/data/output/processed_data.csv"

// Resource requirements
resource_requirements "small_job" {
    num_cpus 2
    num_gpus 0
    num_nodes 1
    memory "4g"
    runtime "PT30M"
}

// Jobs
job "download_data" {
    command "wget https://example.com/data.csv -O ${files.output.raw_data}"
    resource_requirements "small_job"
}

job "process_data" {
    command "python process.py ${files.input.raw_data} -o ${files.output.processed_data}"
    resource_requirements "small_job"
    depends_on_job "download_data"
}

// Workflow actions
action {
    trigger_type "on_workflow_start"
    action_type "run_commands"
    command "mkdir -p /data/input /data/output"
    command "echo 'Workflow started'"
}
"""


def _guide_body(spec_body: dict) -> dict:
    body = dict(spec_body)
    body.pop("user")
    return body


@pytest.mark.parametrize(
    ("name", "text"),
    [("w.yaml", GUIDE_YAML), ("w.yml", GUIDE_YAML), ("w.json5", GUIDE_JSON5), ("w.kdl", GUIDE_KDL)],
)
def test_guide_format_examples_read_the_same(tmp_path: Path, name: str, text: str) -> None:
    spec = load(tmp_path, name, text)
    assert spec.name == "data_processing_workflow"
    assert spec.user == "datauser"
    assert job_names(spec) == ["download_data", "process_data"]
    download, process = spec.jobs
    assert download["command"] == "wget https://example.com/data.csv -O /data/input/raw_data.csv"
    assert download["output_files"] == ["raw_data"]
    assert process["command"] == (
        "python process.py /data/input/raw_data.csv -o /data/output/processed_data.csv"
    )
    assert process["input_files"] == ["raw_data"]
    assert process["output_files"] == ["processed_data"]
    assert process["depends_on"] == ["download_data"]
    assert spec.resource_requirements == [
        {
            "name": "small_job",
            "num_cpus": 2,
            "num_gpus": 0,
            "num_nodes": 1,
            "memory": "4g",
            "runtime": "PT30M",
        }
    ]
    assert [f["name"] for f in spec.files] == ["raw_data", "processed_data"]
    assert spec.actions[0]["action_config"]["commands"][0] == "mkdir -p /data/input /data/output"


def test_json_file(tmp_path: Path) -> None:
    doc = {
        "name": "j",
        "jobs": [
            {"name": "a", "command": "echo a"},
            {"name": "b", "command": "b", "depends_on": ["a"]},
        ],
    }
    spec = load(tmp_path, "w.json", json.dumps(doc))
    assert job(spec, "b")["depends_on"] == ["a"]


def test_same_workflow_from_every_format(tmp_path: Path) -> None:
    yaml_spec = load(tmp_path, "a.yaml", GUIDE_YAML)
    for name, text in (("b.json5", GUIDE_JSON5), ("c.kdl", GUIDE_KDL)):
        other = load(tmp_path, name, text)
        assert other.jobs == yaml_spec.jobs
        assert other.files == yaml_spec.files
        assert other.resource_requirements == yaml_spec.resource_requirements
    from ruamel.yaml import YAML

    as_json = json.dumps(YAML(typ="safe", pure=True).load(GUIDE_YAML))
    json_spec = load(tmp_path, "d.json", as_json)
    assert json_spec.body == yaml_spec.body


@pytest.mark.parametrize("text", [GUIDE_YAML, GUIDE_JSON5, GUIDE_KDL])
def test_fallback_without_extension(tmp_path: Path, text: str) -> None:
    spec = load(tmp_path, "workflow.spec", text)
    assert job_names(spec) == ["download_data", "process_data"]
    assert job_names(load_spec(text)) == ["download_data", "process_data"]


def test_dict_source() -> None:
    spec = load_spec({"name": "d", "jobs": [{"name": "a", "command": "x"}]})
    assert job_names(spec) == ["a"]
    assert spec.source.label is None


# ---- KDL 1 and KDL 2 --------------------------------------------------------------------------

KDL2_FEATURES = """
name "kdl2"
resource_monitor {
    enabled #true
    generate_plots #false
    granularity "time_series"
    sample_interval_seconds 2
}
user_data "metadata" {
    is_ephemeral #true
    data "{\\"key\\": \\"value\\"}"
}
job "a" {
    command #"echo "raw" \\n"#
    supports_termination #true
    cancel_on_blocking_job_failure #false
}
job "b" {
    command \"\"\"
        line one
          line two
        \"\"\"
    input_user_data metadata
}
/- job "commented_out" { command "x" }
"""

KDL1_FEATURES = """
name "kdl1"
resource_monitor {
    enabled true
    generate_plots false
}
user_data "metadata" {
    is_ephemeral true
    data "{\\"key\\": \\"value\\"}"
}
job "a" {
    command r#"echo "raw" \\n"#
    supports_termination true
    cancel_on_blocking_job_failure false
}
job "b" {
    command "line one\\n  line two"
    input_user_data "metadata"
}
"""


@pytest.mark.parametrize("text", [KDL2_FEATURES, KDL1_FEATURES])
def test_kdl_1_and_2(tmp_path: Path, text: str) -> None:
    spec = load(tmp_path, "w.kdl", text)
    a, b = spec.jobs
    assert a["command"] == 'echo "raw" \\n'
    assert a["supports_termination"] is True
    assert a["cancel_on_blocking_job_failure"] is False
    assert b["command"] == "line one\n  line two"
    assert b["input_user_data"] == ["metadata"]
    assert spec.user_data == [{"name": "metadata", "is_ephemeral": True, "data": {"key": "value"}}]
    monitor = json.loads(spec.workflow["resource_monitor_config"])
    assert monitor["enabled"] is True and monitor["generate_plots"] is False


def test_kdl_lists_from_repeated_nodes_and_arguments(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.kdl",
        """
        name "lists"
        file "f1" path="/f1"
        file "f2" path="/f2"
        job "a" { command "a"; output_file "f1"; output_file "f2" }
        job "b" {
            command "b"
            depends_on "a"
            input_files "f1" "f2"
        }
        action {
            trigger_type "on_jobs_complete"
            action_type "run_commands"
            jobs "a" "b"
            command "echo done"
        }
        """,
    )
    assert job(spec, "a")["output_files"] == ["f1", "f2"]
    assert job(spec, "b")["input_files"] == ["f1", "f2"]
    assert job(spec, "b")["depends_on"] == ["a"]
    assert spec.actions[0]["jobs"] == ["a", "b"]


def test_kdl_parser_matches_ckdl() -> None:
    ckdl = pytest.importorskip("ckdl")

    def ours(text: str) -> list:
        def conv(n):
            return (n.name, n.args, n.props, [conv(c) for c in n.children])

        return [conv(n) for n in parse(text)]

    def theirs(text: str, version: int) -> list:
        def value(x):
            return x.value if isinstance(x, ckdl.Value) else x

        def conv(n):
            return (
                n.name,
                [value(a) for a in n.args],
                {k: value(v) for k, v in n.properties.items()},
                [conv(c) for c in n.children],
            )

        return [conv(n) for n in ckdl.parse(text, version=version).nodes]

    docs = {
        2: [
            GUIDE_KDL,
            KDL2_FEATURES,
            'a 1 2.5 -3 0x1F 0o17 0b101 1_000 1e3 #null\nb key=value k2="x y" (t)3\n'
            "c /- 1 2 /- {x}\n/- d 1\ne; f { g; h }\nbare foo bar-baz\nlong 1 \\\n  2\n",
            'n "esc \\t \\u{41} \\s"\nk key = 5\n/* block /* nested */ */ z\n',
        ],
        1: [KDL1_FEATURES, 'a true false null\nr r"raw \\n" r#"with "quote""#\nb key="v" 1.5\n'],
    }
    for version, texts in docs.items():
        for text in texts:
            assert repr(ours(text)) == repr(theirs(text, version)), text


# ---- syntax errors name the file and line ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("bad.yaml", "name: x\njobs:\n  - name: a\n    command: [echo\n", 5, "YAML syntax error"),
        ("dup.yaml", "name: x\nname: y\njobs: []\n", 2, "'name' is given twice"),
        ("bad.json", '{\n  "name": "x",\n  "jobs": [],\n}\n', 4, "JSON syntax error"),
        (
            "bad.json5",
            '{\n  name: "x",\n  jobs: [\n    {name: "a" command: "b"},\n  ],\n}\n',
            4,
            "JSON5 syntax error",
        ),
        ("bad.kdl", 'name "x"\njob "a" {\n    command "echo\n}\n', 3, "unterminated string"),
        ("bad2.kdl", 'name "x"\njob "a" {\n    command "echo"\n', 2, "missing '}'"),
        (
            "bad3.kdl",
            'name "x"\njob "a" {\n    supports_termination #yes\n}\n',
            3,
            "unknown keyword",
        ),
    ],
)
def test_syntax_errors_name_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, words: str
) -> None:
    error = load_error(tmp_path, name, text)
    message = str(error)
    assert message.startswith(f"{tmp_path / name}:{line}: "), message
    assert words in message


def test_json_with_comments_suggests_json5(tmp_path: Path) -> None:
    error = load_error(tmp_path, "c.json", '{\n  // a comment\n  "name": "x", "jobs": []\n}\n')
    assert ":2: JSON syntax error" in str(error)
    assert ".json5" in str(error)


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(Exception) as info:
        load_spec(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_unparseable_text_reports_the_likely_format() -> None:
    with pytest.raises(Exception) as info:
        load_spec('name "x"\njob "a" {\n  command "x\n')
    assert "<text>:3: KDL syntax error" in str(info.value)


def test_kdl_errors_carry_lines() -> None:
    with pytest.raises(KdlError) as info:
        parse("a 1\nb 2\nc }\n")
    assert info.value.line == 3


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    error = load_error(tmp_path, "list.yaml", "- a\n- b\n")
    assert "must be a mapping at the top" in str(error)


def test_yaml_unquoted_times_and_ranges_stay_text(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "t.yaml",
        """
        name: t
        jobs:
          - name: job_{i}
            command: echo {i}
            parameters:
              i: 1:3
        slurm_schedulers:
          - name: s
            account: a
            walltime: 04:00:00
        """,
    )
    assert job_names(spec) == ["job_1", "job_2", "job_3"]
    assert spec.slurm_schedulers[0]["walltime"] == "04:00:00"


def test_write_helper_dedents(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "\n    name: x\n    jobs: []\n")
    assert path.read_text() == "name: x\njobs: []\n"


def test_kdl_value_errors_name_the_entry_and_line(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "v.kdl",
        """
        name "v"
        job "b" {
            command "y" "z"
        }
        user_data "u" {
            data "not json"
        }
        """,
    )
    label = tmp_path / "v.kdl"
    assert error.messages == [
        f"{label}:3: job 'b': 'command' takes exactly one value, found 2",
        f"{label}:6: user data 'u': 'data' must hold JSON text (as in data "
        '"{\\"key\\": 1}"): Expecting value',
    ]


@pytest.mark.parametrize("count", [0, 1, 7, 25])
def test_the_streamed_body_is_the_same_json(count: int) -> None:
    import msgspec

    text = (
        "name: streamed\ndescription: d\njobs:\n"
        + (
            f'  - name: j{{i}}\n    command: "echo {{i}}"\n    parameters:\n      i: "1:{count}"\n'
            if count
            else ""
        )
        + '  - name: last\n    command: "true"\n    depends_on_regexes: ["^j.*"]\n'
    )
    spec = load_spec(text)
    chunks = list(spec.body_chunks(jobs_per_chunk=5))
    assert len(chunks) == 2 + -(-(count + 1) // 5)  # head, a chunk per 5 jobs, tail
    assert msgspec.json.decode(b"".join(chunks)) == msgspec.json.decode(spec.body_json())

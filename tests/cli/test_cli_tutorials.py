"""The command sequences of the user guide's tutorials, run as bash scripts the way a reader types
them: `torc` on PATH, `TORC_API_URL` exported, `-f json` piped into jq.

Where a tutorial cannot run unchanged on a test machine, the change is named next to it (GPU
resource requirements a laptop does not have, random sleeps)."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.cli.conftest import Cli

REPO = Path(__file__).resolve().parents[2]

needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")


def copy_examples(cli: Cli) -> None:
    """The repository's examples (specs, scripts, data) in the working directory, so that their
    relative paths work and their outputs stay out of the repository."""
    shutil.copytree(REPO / "examples", cli.cwd / "examples")


def run(cli: Cli, script: str) -> str:
    done = cli.shell(textwrap.dedent(script))
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def table_rows(text: str) -> dict[str, list[str]]:
    """The rows of a table printed by torc, keyed by their second cell (the name)."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if len(cells) > 1:
                rows[cells[1]] = cells
    return rows


def test_tutorial_1_many_independent_jobs(cli: Cli) -> None:
    # the tutorial's jobs also sleep 1-10 s at random; here they only echo
    (cli.cwd / "hundred_jobs.yaml").write_text(
        textwrap.dedent(
            """
            name: hundred_jobs_parallel
            description: 100 independent jobs that can run in parallel

            jobs:
              - name: job_{i:03d}
                command: |
                  echo "Running job {i}"
                  echo "Job {i} completed"
                resource_requirements: minimal
                parameters:
                  i: "1:100"

            resource_requirements:
              - name: minimal
                num_cpus: 1
                num_gpus: 0
                num_nodes: 1
                memory: 1g
                runtime: PT5M
            """
        )
    )
    out = run(
        cli,
        """
        torc run hundred_jobs.yaml
        """,
    )
    wid = int(re.search(r"Created workflow (\d+)", out).group(1))  # type: ignore[union-attr]
    out = run(
        cli,
        f"""
        torc workflows status {wid}
        torc jobs list {wid}
        torc results list {wid}
        """,
    )
    assert "completed" in out
    rows = table_rows(out)
    assert {f"job_{i:03d}" for i in range(1, 101)} <= set(rows)
    assert "Total: 100 jobs" in out and "Total: 100 results" in out


@needs_jq
def test_tutorial_2_diamond_workflow(cli: Cli) -> None:
    copy_examples(cli)
    out = run(
        cli,
        """
        # Create the workflow and capture the ID
        WORKFLOW_ID=$(torc workflows create examples/yaml/diamond_workflow.yaml -f json | jq -r '.id')
        echo "Created workflow: $WORKFLOW_ID"

        # Ensure the input file timestamp is current
        touch examples/data/diamond_input.json

        # Initialize the workflow (builds dependency graph)
        torc workflows initialize-jobs $WORKFLOW_ID

        # Check job statuses
        torc jobs list $WORKFLOW_ID

        torc run --url "$TORC_API_URL" $WORKFLOW_ID -p 0.2
        echo "--- results"
        torc results list $WORKFLOW_ID
        """,
    )
    before, after = out.split("--- results")
    rows = table_rows(before)
    assert [rows[n][2] for n in ("preprocess", "work1", "work2", "postprocess")] == [
        "ready",
        "blocked",
        "blocked",
        "blocked",
    ]
    result_rows = [r for r in table_rows(after).values() if r[0].isdigit()]
    assert len(result_rows) == 4 and {r[5] for r in result_rows} == {"0"}  # return codes
    assert json.loads((cli.cwd / "output/diamond/f6.json").read_text())


@needs_jq
def test_tutorial_3_user_data(cli: Cli) -> None:
    # the tutorial's spec, with the GPU requirements scaled down to what any machine has
    (cli.cwd / "user_data_workflow.yaml").write_text(
        textwrap.dedent(
            """
            name: config_pipeline
            description: Jobs that pass configuration via user_data

            jobs:
              - name: generate_config
                command: |
                  echo '{"learning_rate": 0.001, "batch_size": 32, "epochs": 10}' > config.json
                  torc user-data update ${user_data.output.ml_config} \\
                    --data "$(cat config.json)"
                resource_requirements: minimal

              - name: train_model
                command: |
                  echo "Training with config:"
                  torc user-data get ${user_data.input.ml_config} | jq '.data'
                resource_requirements: gpu_large

              - name: evaluate_model
                command: |
                  echo "Evaluating with config:"
                  torc user-data get ${user_data.input.ml_config} | jq '.data'
                resource_requirements: gpu_small

            user_data:
              - name: ml_config
                data: null  # Will be populated by generate_config job

            resource_requirements:
              - name: minimal
                num_cpus: 1
                memory: 1g
                runtime: PT5M
              - name: gpu_small
                num_cpus: 1
                memory: 1g
                runtime: PT1H
              - name: gpu_large
                num_cpus: 1
                memory: 1g
                runtime: PT4H
            """
        )
    )
    out = run(
        cli,
        """
        WORKFLOW_ID=$(torc workflows create user_data_workflow.yaml -f json | jq -r '.id')
        echo "Created workflow: $WORKFLOW_ID"
        torc workflows initialize-jobs $WORKFLOW_ID
        torc user-data list $WORKFLOW_ID
        torc jobs list $WORKFLOW_ID
        torc run $WORKFLOW_ID -p 0.2
        echo "--- after"
        torc user-data list $WORKFLOW_ID -f json | jq '.user_data[] | {name, data}'
        torc results list $WORKFLOW_ID
        """,
    )
    before, after = out.split("--- after")
    rows = table_rows(before)
    assert rows["ml_config"][2] == "null"
    assert [rows[n][2] for n in ("generate_config", "train_model", "evaluate_model")] == [
        "ready",
        "blocked",
        "blocked",
    ]
    document = after[: after.index("Results for workflow")]
    assert json.loads(document) == {
        "name": "ml_config",
        "data": {"learning_rate": 0.001, "batch_size": 32, "epochs": 10},
    }
    codes = [r[5] for r in table_rows(after).values() if r[0].isdigit()]
    assert codes == ["0", "0", "0"]  # `torc user-data get ... | jq '.data'` worked in the jobs


@needs_jq
def test_tutorial_4_simple_parameterization(cli: Cli) -> None:
    copy_examples(cli)
    out = run(
        cli,
        """
        WORKFLOW_ID=$(torc workflows create examples/yaml/learning_rate_sweep.yaml -f json | jq -r '.id')
        torc workflows initialize-jobs $WORKFLOW_ID > /dev/null
        torc jobs list $WORKFLOW_ID -f json | jq '.jobs | length'
        torc jobs list $WORKFLOW_ID -f json | jq -r '.jobs[].name' | sort
        echo "--- table"
        torc jobs list $WORKFLOW_ID
        torc run $WORKFLOW_ID -p 0.2
        torc workflows status $WORKFLOW_ID -f json | jq -r '.status'
        """,
    )
    counts, rest = out.split("--- table")
    lines = counts.split()
    assert lines[0] == "11"
    lr = ["0.0001", "0.0005", "0.0010", "0.0050", "0.0100"]
    assert lines[1:] == [
        "compare_results",
        *(f"evaluate_lr{v}" for v in lr),
        *(f"train_lr{v}" for v in lr),
    ]
    rows = table_rows(rest)
    assert {rows[f"train_lr{v}"][2] for v in lr} == {"ready"}
    assert {rows[f"evaluate_lr{v}"][2] for v in lr} == {"blocked"}
    assert rows["compare_results"][2] == "blocked"
    assert rest.split()[-1] == "completed"


@needs_jq
def test_tutorial_5_advanced_parameterization(cli: Cli) -> None:
    copy_examples(cli)
    out = run(
        cli,
        """
        WORKFLOW_ID=$(torc workflows create examples/yaml/hyperparameter_grid_search.yaml -f json | jq -r '.id')
        torc workflows initialize-jobs $WORKFLOW_ID > /dev/null
        torc jobs list $WORKFLOW_ID -f json | jq '.jobs | length'
        torc jobs list $WORKFLOW_ID -f json | jq -r '.jobs[] | select(.name | startswith("train_")) | .name' | sort
        echo "--- run"
        torc run $WORKFLOW_ID -p 0.2
        torc workflows status $WORKFLOW_ID
        torc jobs list-by-status $WORKFLOW_ID
        """,
    )
    listing, status = out.split("--- run")
    names = listing.split()
    assert names[0] == "21"
    expected = sorted(
        f"train_lr{lr}_bs{bs}_opt{opt}"
        for lr in ("0.0001", "0.0010", "0.0100")
        for bs in (16, 32, 64)
        for opt in ("adam", "sgd")
    )
    assert names[1:] == expected
    assert "completed: 21" in status and "Total: 21 jobs" in status


def test_tutorial_barriers(cli: Cli) -> None:
    (cli.cwd / "barrier_demo.yaml").write_text(
        textwrap.dedent(
            """
            name: "Barrier Pattern Demo"
            description: "Simple demonstration of the barrier pattern"

            jobs:
              # Stage 1: Generate 100 data files
              - name: "generate_data_{i:02d}"
                command: "echo 'Data file {i}' > output/data_{i:02d}.txt"
                parameters:
                  i: "0:99"

              # Barrier: Wait for all data generation
              - name: "data_generation_complete"
                command: "echo 'All 100 data files generated' && ls -l output/ | wc -l"
                depends_on_regexes: ["^generate_data_.*"]

              # Stage 2: Process each data file
              - name: "process_data_{i:02d}"
                command: "cat output/data_{i:02d}.txt | wc -w > output/processed_{i:02d}.txt"
                depends_on: ["data_generation_complete"]
                parameters:
                  i: "0:99"

              # Final barrier and report
              - name: "processing_complete"
                command: "echo 'All 100 files processed' && cat output/processed_*.txt | awk '{sum+=$1} END {print sum}'"
                depends_on_regexes: ["^process_data_.*"]
            """
        )
    )
    out = run(
        cli,
        """
        mkdir -p output
        torc workflows create barrier_demo.yaml
        """,
    )
    wid = int(re.search(r"Created workflow (\d+)", out).group(1))  # type: ignore[union-attr]
    out = run(
        cli,
        f"""
        torc workflows run {wid} -p 0.2
        torc -f json job-dependencies job-job {wid} | jq '.job_dependencies | length'
        torc workflows status {wid} -f json | jq -c '[.status, .total_jobs]'
        """,
    )
    # 100 + 100 + 100 dependencies (the tutorial's "201" undercounts), 202 jobs done
    assert out.split()[-2:] == ["300", '["completed",202]']
    assert (cli.cwd / "output" / "processed_99.txt").read_text().strip() == "3"


@needs_jq
def test_filtering_output_with_jq(cli: Cli) -> None:
    """The filters of the "Filtering CLI Output" tutorial, written for jq (and, when Nushell
    is installed, as the tutorial writes them)."""
    wid = cli.create(
        """
        name: NAME
        jobs:
          - name: process_ok
            command: "true"
          - name: process_fail
            command: "exit 2"
          - name: train_lr0.1
            command: "exit 1"
        user_data:
          - name: model_config
            data: {"lr": 0.1}
        """
    )
    assert cli("run", str(wid), "-p", "0.1").returncode == 1
    out = run(
        cli,
        f"""
        wf={wid}
        torc jobs list $wf -f json | jq -c '[.jobs[] | select(.status == "failed") | .name]'
        torc jobs list $wf -f json | jq -c '[.jobs[] | select(.status == "failed" and (.name | test("process"))) | .name]'
        torc jobs list $wf -f json | jq -c '.jobs | group_by(.status) | map({{status: .[0].status, count: length}})'
        torc results list $wf -f json | jq -c '[.results[] | select(.return_code != 0) | {{job_id, return_code}}]'
        torc user-data list $wf -f json | jq -c '[.user_data[] | {{name, data}}]'
        torc -f json user-data list $wf | jq -c '.user_data | length'
        """,
    )
    lines = out.splitlines()
    assert json.loads(lines[0]) == ["process_fail", "train_lr0.1"]
    assert json.loads(lines[1]) == ["process_fail"]
    assert json.loads(lines[2]) == [
        {"status": "completed", "count": 1},
        {"status": "failed", "count": 2},
    ]
    assert sorted(r["return_code"] for r in json.loads(lines[3])) == [1, 2]
    assert json.loads(lines[4]) == [{"name": "model_config", "data": {"lr": 0.1}}]
    assert lines[5] == "1"
    if shutil.which("nu"):
        done = cli.shell(
            f"""nu -c 'torc jobs list {wid} -f json | from json | get jobs | where status == "failed" | length'"""
        )
        assert done.stdout.strip() == "2", done.stderr

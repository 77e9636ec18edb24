"""Every example in examples/yaml that needs no cluster runs to completion with `torc -s run`,
from a directory holding a copy of examples/ (their paths are relative to the repository root),
with the results the examples' comments describe.

`multi_stage_barrier_pattern` (2,003 jobs, half of them asking for 2 CPUs) takes too long for the
test suite on a small machine; `nox -s bench` runs it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.runner.conftest import REPO, Torc, json_document, report

EXAMPLES = sorted(
    path.stem
    for path in (REPO / "examples" / "yaml").glob("*.yaml")
    if "slurm" not in path.stem and path.stem != "multi_stage_barrier_pattern"
)


def read_json(work: Path, path: str) -> dict:
    return json.loads((work / path).read_text())


def user_data(work: Path, name: str) -> object:
    db = sqlite3.connect(work / "torc_output" / "torc.db")
    try:
        [(data,)] = db.execute("SELECT data FROM user_data WHERE name = ?", (name,))
    finally:
        db.close()
    return json.loads(data)


def check_diamond(work: Path) -> None:
    """f6 combines the two work results, each wrapping one half of preprocess's split of f1."""
    source = read_json(work, "examples/data/diamond_input.json")
    final = read_json(work, "output/diamond/f6.json")
    assert final["stage"] == "postprocess" and final["count"] == 2
    assert [r["stage"] for r in final["results"]] == ["work", "work"]
    assert [r["input"] for r in final["results"]] == [
        {"stage": "preprocess", "part": 1, "input": source},
        {"stage": "preprocess", "part": 2, "input": source},
    ]
    # the database, the job logs and the runner log are in ./torc_output
    db = sqlite3.connect(work / "torc_output" / "torc.db")
    try:
        statuses = dict(db.execute("SELECT name, status FROM job"))
    finally:
        db.close()
    assert statuses == dict.fromkeys(["preprocess", "work1", "work2", "postprocess"], 5)
    assert len(list((work / "torc_output" / "job_stdio").glob("*.o"))) == 4
    assert list((work / "torc_output").glob("job_runner_*.log"))


def check_hundred(work: Path) -> None:
    outputs = list((work / "torc_output" / "job_stdio").glob("*.o"))
    assert len(outputs) == 100
    assert all(p.read_text().endswith("completed\n") for p in outputs)


def check_user_data(work: Path) -> None:
    assert user_data(work, "ml_config") == {"learning_rate": 0.001, "batch_size": 32, "epochs": 10}
    texts = [p.read_text() for p in (work / "torc_output" / "job_stdio").glob("*.o")]
    assert sum("Training with config:" in t and '"batch_size": 32' in t for t in texts) == 1
    assert sum("Evaluating with config:" in t and '"epochs": 10' in t for t in texts) == 1


def check_lr_sweep(work: Path) -> None:
    assert read_json(work, "output/lr_sweep/comparison.json")["count"] == 5


def check_grid(work: Path) -> None:
    assert read_json(work, "output/grid_search/summary.json")["count"] == 18
    assert (work / "output/grid_search/best_config.json").exists()


def check_shared(work: Path) -> None:
    assert read_json(work, "output/shared_parameters/summary.json")["count"] == 18


def check_monitoring(work: Path) -> None:
    [db_path] = (work / "torc_output" / "resource_utilization").glob("resource_metrics_*.db")
    db = sqlite3.connect(db_path)
    try:
        names = {name for (name,) in db.execute("SELECT job_name FROM job_metadata")}
        sampled = db.execute("SELECT COUNT(DISTINCT job_id) FROM job_resource_samples").fetchone()
    finally:
        db.close()
    assert names == {"cpu_intensive", "memory_intensive", "mixed_workload"}
    assert sampled == (3,)


def check_actions(work: Path) -> None:
    logs = work / "torc_output" / "action_logs"  # the runner's output directory
    events = [line.split(" at ")[0] for line in (logs / "workflow.log").read_text().splitlines()]
    # each once; the report becomes ready when the processing stage finishes
    assert events[0] == "workflow started" and events[-1] == "workflow complete", events
    assert sorted(events[1:-1]) == ["processing stage finished", "report is ready to run"]
    workers = (logs / "workers.log").read_text().splitlines()
    assert [line.split(" on ")[0] for line in workers] == ["worker started", "worker finished"]


def check_failure_handlers(work: Path) -> None:
    recoveries = (work / "output/failure_handlers/recovery.log").read_text().splitlines()
    assert len(recoveries) == 3  # scenario 1 of each model: exit code 10 or 11
    summary = read_json(work, "output/failure_handlers/summary.json")
    assert summary["count"] == 9


def check_map(work: Path) -> None:
    final = user_data(work, "final_result")
    assert isinstance(final, dict) and final["total"] == 15
    assert len(final["output_data_paths"]) == 3


CHECKS: dict[str, Callable[[Path], None] | None] = {
    "diamond_workflow": check_diamond,
    "hello_world": None,
    "hundred_jobs_parameterized": check_hundred,
    "user_data_workflow": check_user_data,
    "learning_rate_sweep": check_lr_sweep,
    "hyperparameter_grid_search": check_grid,
    "shared_parameters": check_shared,
    "zip_parameter_mode": None,
    "resource_monitoring_demo": check_monitoring,
    "workflow_actions_pipeline": check_actions,
    "failure_handler_simulation": check_failure_handlers,
    "map_python_function": check_map,
}


# Jobs that mostly sleep or wait do not need a CPU each: more "CPUs" keep the suite short on a
# small machine (bounding by the real CPUs is tested in test_parallel.py).
OPTIONS = {
    "hundred_jobs_parameterized": ["--num-cpus", "8", "--memory-gb", "16"],
    "resource_monitoring_demo": ["--num-cpus", "3"],
    "user_data_workflow": ["--num-cpus", "4"],
}


def test_every_example_has_a_check() -> None:
    assert set(EXAMPLES) == set(CHECKS)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs_to_completion(standalone: Torc, example: str) -> None:
    shutil.copytree(REPO / "examples", standalone.cwd / "examples")
    options = OPTIONS.get(example, [])
    done = standalone(
        "-s", "-f", "json", "run", f"examples/yaml/{example}.yaml", *options, timeout=300
    )
    assert done.returncode == 0, report(done)
    summary = json_document(done.stdout)
    assert summary["completed"] == summary["total"] > 0, summary
    check = CHECKS[example]
    if check is not None:
        check(standalone.cwd)

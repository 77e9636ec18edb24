"""The example workflows in examples/{yaml,json5,kdl}.

Every file validates with the report of `torc -f json workflows create --dry-run` and reports the
counts the user guide gives for it; the three formats of an example give the same report; and
every file creates a workflow on a real server with the expected number of jobs. Everything runs
from the repository root, as the examples' relative paths expect.

Each file is read, validated and created in process, through the functions the command calls
(`load_spec`, `validate`, `post_spec`); `test_cli_dry_run_and_create` runs the command itself as
a subprocess, once per format, and checks that its dry-run report is the in-process one and that
what it creates passes the same checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer
from torc import DefaultApi, make_api
from torc.spec import load_spec, post_spec, validate

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FORMATS = ("yaml", "json5", "kdl")

COMPONENTS = (
    "jobs",
    "job_specs",
    "files",
    "user_data",
    "resource_requirements",
    "slurm_schedulers",
    "local_schedulers",
    "failure_handlers",
    "actions",
    "dependencies",
)


def counts(**given: int) -> dict[str, int]:
    """The expected components of one example; anything not given is zero."""
    unknown = set(given) - set(COMPONENTS)
    assert not unknown, unknown
    return {name: given.get(name, 0) for name in COMPONENTS}


# What each example creates, from the user guide's own numbers. `job_specs` counts job entries
# before parameter expansion; `dependencies` counts explicit job -> job edges (depends_on and
# depends_on_regexes) after expansion, not the ones torc infers from files and user data.
EXPECTED: dict[str, dict[str, int]] = {
    # Quick start: two independent jobs.
    "hello_world": counts(jobs=2, job_specs=2),
    # Tutorial 2: four jobs, six files, dependencies inferred from the files only.
    "diamond_workflow": counts(jobs=4, job_specs=4, files=6, resource_requirements=2),
    # Tutorial 1: "1:100" expands one definition into 100 jobs.
    "hundred_jobs_parameterized": counts(jobs=100, job_specs=1, resource_requirements=1),
    # Tutorial 3: one record written by one job and read by two.
    "user_data_workflow": counts(jobs=3, job_specs=3, user_data=1, resource_requirements=3),
    # Tutorial 4: "should be 11: 5 train + 5 evaluate + 1 compare"; 5 model + 5 metrics files.
    "learning_rate_sweep": counts(jobs=11, job_specs=3, files=10, resource_requirements=2),
    # Tutorial 5: "21 jobs (1 prepare + 18 training + 1 aggregate + 1 select)"; 1 + 18 + 18
    # files; select_best_model depends_on aggregate_results.
    "hyperparameter_grid_search": counts(
        jobs=21, job_specs=4, files=37, resource_requirements=3, dependencies=1
    ),
    # Shared parameters: 3 x 3 x 2 = 18 training jobs and model files, plus one aggregate job
    # that depends on all 18.
    "shared_parameters": counts(jobs=19, job_specs=2, files=18, dependencies=18),
    # Parameter modes: product 3 x 3 = 9 jobs, zip 3 jobs.
    "zip_parameter_mode": counts(jobs=12, job_specs=2),
    # Barriers: 1000 + 1 + 1000 + 1 + 1 jobs and 1000 + 1000 + 1000 + 1 = 3,001 dependencies.
    "multi_stage_barrier_pattern": counts(
        jobs=2003, job_specs=5, resource_requirements=3, dependencies=3001
    ),
    "resource_monitoring_demo": counts(jobs=3, job_specs=3, resource_requirements=2),
    # Six actions, one per trigger type; process_1..3 depend on prepare, report on process_1..3.
    "workflow_actions_pipeline": counts(jobs=5, job_specs=3, actions=6, dependencies=6),
    # Staged allocations: preprocess, 16 compute jobs, postprocess; three schedulers, three
    # schedule_nodes actions; 16 + 16 dependencies.
    "slurm_staged_pipeline": counts(
        jobs=18,
        job_specs=3,
        resource_requirements=2,
        slurm_schedulers=3,
        actions=3,
        dependencies=32,
    ),
    # 3 x 3 simulations under one failure handler, and an aggregate that depends on all nine.
    "failure_handler_simulation": counts(jobs=10, job_specs=2, failure_handlers=1, dependencies=9),
    # Three mapped calls and a post-processing job ("Created workflow 342 with 4 jobs"); three
    # input records, three results, one final result.
    "map_python_function": counts(jobs=4, job_specs=2, user_data=7, resource_requirements=1),
}

# Names of the jobs each example creates, by prefix, where the prefixes tell the cases apart.
JOB_NAME_PREFIXES: dict[str, dict[str, int]] = {
    "zip_parameter_mode": {"train_": 9, "paired_": 3},
    "learning_rate_sweep": {"train_lr": 5, "evaluate_lr": 5, "compare_results": 1},
    "hyperparameter_grid_search": {
        "prepare_data": 1,
        "train_lr": 18,
        "aggregate_": 1,
        "select_": 1,
    },
    "multi_stage_barrier_pattern": {
        "preprocess_": 1000,
        "analyze_": 1000,
        "barrier_": 2,
        "final_": 1,
    },
}


def example_files() -> list[Path]:
    return sorted(path for fmt in FORMATS for path in (EXAMPLES / fmt).glob(f"*.{fmt}"))


def file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def torc(*args: str, timeout: float = 300.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "torc_cli.main", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture(autouse=True)
def _from_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process reads resolve the examples' relative paths as the command does (cwd=REPO)."""
    monkeypatch.chdir(REPO)


def report_of(path: Path) -> dict[str, Any]:
    """What `torc -f json workflows create --dry-run PATH` reports, computed in process: the
    command prints `validate(load_spec(PATH)).to_dict()` as JSON (a valid file here, so no
    SpecError branch)."""
    report = validate(load_spec(str(path), user=None, resource_monitoring=True)).to_dict()
    return json.loads(json.dumps(report))  # as the command's JSON output would read back


def cli_dry_run(path: Path) -> dict[str, Any]:
    """The JSON report of `torc -f json workflows create --dry-run PATH`, run as a subprocess."""
    proc = torc("-f", "json", "workflows", "create", "--dry-run", str(path))
    assert proc.returncode == 0, (
        f"{file_id(path)}: exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        pytest.fail(f"{file_id(path)}: stdout is not one JSON document ({exc}): {proc.stdout!r}")
    assert isinstance(report, dict), report
    return report


def test_every_example_exists_in_every_format() -> None:
    for fmt in FORMATS:
        stems = {path.stem for path in (EXAMPLES / fmt).glob(f"*.{fmt}")}
        assert stems == set(EXPECTED), f"examples/{fmt}: {sorted(stems ^ set(EXPECTED))}"


def test_slurm_examples_are_named_slurm() -> None:
    """Examples that need a cluster are the ones whose name says so."""
    for name, expected in EXPECTED.items():
        assert (expected["slurm_schedulers"] > 0) == ("slurm" in name), name


def test_scripts_are_executable() -> None:
    scripts = sorted((EXAMPLES / "scripts").glob("*.sh"))
    assert {"preprocess.sh", "work.sh", "postprocess.sh"} <= {s.name for s in scripts}
    for script in scripts:
        assert os.access(script, os.X_OK), script


def run_script(tmp_path: Path, name: str, *args: str) -> None:
    proc = subprocess.run(
        ["bash", str(EXAMPLES / "scripts" / name), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr


def test_diamond_scripts_transform_json(tmp_path: Path) -> None:
    """preprocess -> work x 2 -> postprocess, as the diamond runs them, gives valid JSON."""
    source = EXAMPLES / "data" / "diamond_input.json"
    run_script(
        tmp_path, "preprocess.sh", "-i", str(source), "-o", "out/f2.json", "-o", "out/f3.json"
    )
    run_script(tmp_path, "work.sh", "-i", "out/f2.json", "-o", "out/f4.json")
    run_script(tmp_path, "work.sh", "-i", "out/f3.json", "-o", "out/f5.json")
    run_script(
        tmp_path, "postprocess.sh", "-i", "out/f4.json", "-i", "out/f5.json", "-o", "out/f6.json"
    )
    final = json.loads((tmp_path / "out" / "f6.json").read_text())
    original = json.loads(source.read_text())
    assert [r["input"]["part"] for r in final["results"]] == [1, 2]
    assert all(r["input"]["input"] == original for r in final["results"])


def test_emit_json_writes_numbers_and_strings(tmp_path: Path) -> None:
    run_script(tmp_path, "emit_json.sh", "a/b.json", "lr=0.0010", "id=007", "opt=adam", "n=-3")
    assert json.loads((tmp_path / "a" / "b.json").read_text()) == {
        "lr": 0.001,
        "id": "007",
        "opt": "adam",
        "n": -3,
    }


def check_report(path: Path, report: dict[str, Any]) -> None:
    where = file_id(path)
    assert set(report) == {
        "valid",
        "workflow",
        "components",
        "submission",
        "errors",
        "warnings",
    }, (where, report)
    assert report["valid"] is True, (where, report)
    assert report["errors"] == [], (where, report["errors"])
    assert isinstance(report["warnings"], list), (where, report)
    assert isinstance(report["submission"], str), (where, report)
    assert set(report["workflow"]) == {"name", "description"}, (where, report["workflow"])
    assert report["workflow"]["name"], (where, report["workflow"])
    assert report["components"] == EXPECTED[path.stem], where
    # The guide's wording for a workflow that schedules its own Slurm nodes at start.
    ready = report["submission"].startswith("Ready for scheduler submission")
    assert ready == ("slurm" in path.stem), (where, report["submission"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dry_run_counts_and_identical_formats(name: str) -> None:
    """Each format's file validates with the expected counts, and the three reports are equal."""
    paths = [EXAMPLES / fmt / f"{name}.{fmt}" for fmt in FORMATS]
    reports = {}
    for path in paths:
        reports[path] = report_of(path)
        check_report(path, reports[path])
    yaml_report = reports[paths[0]]
    for path in paths[1:]:
        assert reports[path] == yaml_report, f"{file_id(path)} reports differently from the YAML"


def get(http: httpx.Client, path: str, **params: Any) -> Any:
    response = http.get(path, params=params)
    response.raise_for_status()
    return response.json()


def list_jobs(http: httpx.Client, workflow_id: int) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = []
    while True:
        page = get(
            http,
            "/jobs",
            workflow_id=workflow_id,
            offset=len(jobs),
            limit=10000,
            include_relationships=True,
        )
        jobs.extend(page["items"])
        if not page["has_more"]:
            return jobs


def count_records(http: httpx.Client, path: str, **params: Any) -> int:
    body = get(http, path, **params)
    return body["total_count"] if isinstance(body, dict) else len(body)


@pytest.fixture(scope="module")
def api(server: RunningServer) -> Iterator[DefaultApi]:
    with make_api(server.url) as api:
        yield api


@pytest.fixture(scope="module")
def reader(server: RunningServer) -> Iterator[httpx.Client]:
    """One client for the module's reads (a client per request costs more than the request)."""
    with httpx.Client(base_url=server.url, timeout=60.0) as client:
        yield client


def check_created(http: httpx.Client, path: Path, workflow_id: int) -> None:
    """The workflow created from `path` has the example's jobs and records on the server."""
    expected = EXPECTED[path.stem]
    jobs = list_jobs(http, workflow_id)
    assert len(jobs) == expected["jobs"]
    assert len({job["name"] for job in jobs}) == len(jobs), "job names are not unique"
    for prefix, count in JOB_NAME_PREFIXES.get(path.stem, {}).items():
        assert sum(job["name"].startswith(prefix) for job in jobs) == count, prefix
    if expected["files"] == 0 and expected["user_data"] == 0:
        # Without files or user data, every edge is an explicit one.
        edges = sum(len(job.get("depends_on_job_ids") or []) for job in jobs)
        assert edges == expected["dependencies"]

    assert count_records(http, "/files", workflow_id=workflow_id) == expected["files"]
    assert count_records(http, "/user_data", workflow_id=workflow_id) == expected["user_data"]
    assert (
        count_records(http, "/slurm_schedulers", workflow_id=workflow_id)
        == expected["slurm_schedulers"]
    )
    assert (
        count_records(http, f"/workflows/{workflow_id}/failure_handlers")
        == expected["failure_handlers"]
    )
    assert count_records(http, f"/workflows/{workflow_id}/actions") == expected["actions"]


@pytest.mark.parametrize("path", example_files(), ids=file_id)
def test_create_on_server(api: DefaultApi, reader: httpx.Client, path: Path) -> None:
    """What `torc workflows create PATH` does, in process: load, then one POST /workflow_specs."""
    created = post_spec(api, load_spec(str(path), user=None, resource_monitoring=True))
    check_created(reader, path, created.workflow.id)


# The example the command itself reads in each format, end to end (a different one per format,
# between them: files, user data, dependencies, actions, Slurm schedulers, a failure handler).
CLI_EXAMPLES = {
    "yaml": "slurm_staged_pipeline",
    "json5": "hyperparameter_grid_search",
    "kdl": "map_python_function",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_dry_run_and_create(server: RunningServer, reader: httpx.Client, fmt: str) -> None:
    """`torc` as a subprocess: the dry run prints the in-process report, and the created
    workflow and the counts `create` prints are the example's."""
    path = EXAMPLES / fmt / f"{CLI_EXAMPLES[fmt]}.{fmt}"
    report = cli_dry_run(path)
    check_report(path, report)
    assert report == report_of(path)

    proc = torc("--url", server.url, "-f", "json", "workflows", "create", str(path))
    assert proc.returncode == 0, (
        f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    )
    created = json.loads(proc.stdout)
    expected = EXPECTED[path.stem]
    for name in COMPONENTS:
        if name != "job_specs":
            assert created[name] == expected[name], (name, created)
    check_created(reader, path, created["id"])

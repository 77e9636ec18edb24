"""The Python package as the guide documents it: map_function_to_jobs and `pytorc` run by a real
`torc run`, the guide's tutorial script end to end, the helpers, and Configuration/ApiClient
against a server that requires a login."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import torc
import torc.api
import torc.openapi_client
from tests.auth.conftest import PASSWORDS, AuthServer, start_auth_server
from tests.cli.conftest import BIN, Cli, cli_env
from tests.conftest import RunningServer, stop_server
from torc import (
    ApiClient,
    ApiError,
    Configuration,
    DatabaseOffline,
    DefaultApi,
    create_jobs,
    iter_documents,
    make_api,
    make_job_label,
    map_function_to_jobs,
    send_api_command,
    wait_for_healthy_database,
)
from torc.openapi_client import JobModel, WorkflowModel

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "python" / "map_function_across_workers.py"
# the tutorial's jobs ask for 4 CPUs and 20g each: the runner is told it has room for them
RUN_FLAGS = ("--num-cpus", "8", "--memory-gb", "80", "--poll-interval", "0.2")


@pytest.fixture
def api(server: RunningServer) -> Iterator[DefaultApi]:
    with make_api(server.url) as api:
        yield api


@pytest.fixture
def workflow(api: DefaultApi) -> Iterator[Any]:
    wf = api.create_workflow(WorkflowModel(name=f"pkg-{uuid.uuid4().hex[:8]}", user="pkg"))
    yield wf
    api.delete_workflow(wf.id)


@pytest.fixture
def cli(server: RunningServer, tmp_path: Path) -> Cli:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    return Cli(server.url, work, cli_env(server.url, home))


def records_by_name(cli: Cli, workflow_id: int) -> dict[str, Any]:
    listed = cli.json("user-data", "list", str(workflow_id))
    return {record["name"]: record.get("data") for record in listed["user_data"]}


def job_codes(cli: Cli, workflow_id: int) -> dict[str, tuple[str, int | None]]:
    jobs = {job["id"]: job for job in cli.json("jobs", "list", str(workflow_id))["jobs"]}
    results = cli.json("results", "list", str(workflow_id))["results"]
    codes = {r["job_id"]: r["return_code"] for r in results}
    return {job["name"]: (job["status"], codes.get(job_id)) for job_id, job in jobs.items()}


def test_the_guides_tutorial_runs_end_to_end(cli: Cli) -> None:
    """`python examples/python/map_function_across_workers.py`, then `torc run <id>` (from
    another directory than the script's: the jobs still find `simulation`)."""
    made = subprocess.run(
        [sys.executable, str(TUTORIAL)],
        cwd=cli.cwd,
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    found = re.search(r"Created workflow with ID (\d+) 4 jobs\.", made.stdout)
    assert found, made.stdout
    workflow_id = found.group(1)

    cli.ok("run", workflow_id, *RUN_FLAGS, "-o", str(cli.cwd / "out"), timeout=120)

    assert {name: status for name, (status, _) in job_codes(cli, int(workflow_id)).items()} == {
        "1": "completed",
        "2": "completed",
        "3": "completed",
        "postprocess": "completed",
    }
    data = records_by_name(cli, int(workflow_id))
    assert data["output_2"] == {
        "inputs": {"input1": 4, "input2": 5, "input3": 6},
        "result": 5,
        "output_data_path": "/projects/my-project/2",
    }
    assert data["output_postprocess"] == {
        "total": 15,
        "output_data_paths": [f"/projects/my-project/{i}" for i in (1, 2, 3)],
    }


USER_MODULE = """
    import os


    def square(job_name, params):
        if params["x"] < 0:
            raise ValueError("negative input " + job_name)
        return params["x"] ** 2


    def nothing(job_name, params):
        assert os.environ["TORC_JOB_NAME"] == job_name
        return None


    def total(results):
        return {"sum": sum(results), "count": len(results)}
"""


def write_module(directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    name = f"usermod_{uuid.uuid4().hex[:8]}"
    (directory / f"{name}.py").write_text(textwrap.dedent(USER_MODULE))
    return name


def test_mapped_jobs_call_run_and_postprocess_with_what_each_returned(
    api: DefaultApi, workflow: Any, cli: Cli, tmp_path: Path
) -> None:
    """Non-dict results round-trip to postprocess in parameter order; module_directory,
    name_prefix, start_index and depends_on_job_ids shape the jobs."""
    module = write_module(tmp_path / "code")
    first = api.create_job(
        JobModel(workflow_id=workflow.id, name="prepare", command="echo prepared")
    )
    jobs = map_function_to_jobs(
        api,
        workflow.id,
        module,
        "square",
        [{"x": 3}, {"x": 1}, {"x": 2}],
        postprocess_func="total",
        module_directory=tmp_path / "code",
        start_index=0,
        name_prefix="sq_",
        depends_on_job_ids=[first.id],
    )
    assert [job.name for job in jobs] == ["sq_0", "sq_1", "sq_2", "sq_postprocess"]
    assert all(job.depends_on_job_ids == [first.id] for job in jobs[:3])
    assert [job.command for job in jobs] == ["pytorc run-function"] * 3 + ["pytorc run-postprocess"]

    cli.ok("run", str(workflow.id), *RUN_FLAGS, "-o", str(tmp_path / "out"))

    data = records_by_name(cli, workflow.id)
    assert [data[f"output_sq_{i}"] for i in range(3)] == [9, 1, 4]
    assert data["output_sq_postprocess"] == {"sum": 14, "count": 3}
    assert data["input_sq_1"]["params"] == {"x": 1}
    assert data["input_sq_1"]["module_directory"] == str((tmp_path / "code").resolve())


def test_a_function_that_returns_none_still_completes_its_output(
    api: DefaultApi, workflow: Any, cli: Cli, tmp_path: Path
) -> None:
    module = write_module(tmp_path / "code")
    map_function_to_jobs(
        api, workflow.id, module, "nothing", [{"x": 1}], module_directory=tmp_path / "code"
    )
    cli.ok("run", str(workflow.id), *RUN_FLAGS, "-o", str(tmp_path / "out"))
    assert records_by_name(cli, workflow.id)["output_1"] == {"torc_return_value": None}
    assert api.list_missing_user_data(workflow.id).user_data in ([], None)


def test_a_function_that_raises_fails_its_job_and_blocks_postprocess(
    api: DefaultApi, workflow: Any, cli: Cli, tmp_path: Path
) -> None:
    module = write_module(tmp_path / "code")
    map_function_to_jobs(
        api,
        workflow.id,
        module,
        "square",
        [{"x": 2}, {"x": -1}],
        postprocess_func="total",
        module_directory=str(tmp_path / "code"),
    )
    cli("run", str(workflow.id), *RUN_FLAGS, "-o", str(tmp_path / "out"))  # a failed job: non-zero
    codes = job_codes(cli, workflow.id)
    assert codes["1"] == ("completed", 0)
    assert codes["2"] == ("failed", 1)
    assert codes["postprocess"][0] != "completed"
    stderr = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.e"))
    assert "ValueError: negative input 2" in stderr


def test_mapping_checks_the_function_before_creating_anything(
    api: DefaultApi, workflow: Any, tmp_path: Path
) -> None:
    module = write_module(tmp_path / "code")
    with pytest.raises(ValueError, match="has no function 'nope'"):
        map_function_to_jobs(
            api, workflow.id, module, "nope", [{}], module_directory=tmp_path / "code"
        )
    with pytest.raises(ValueError, match="cannot import module 'no_such_module_xyz'"):
        map_function_to_jobs(api, workflow.id, "no_such_module_xyz", "run", [{}])
    with pytest.raises(TypeError, match="list of dicts"):
        map_function_to_jobs(
            api, workflow.id, module, "square", [1, 2], module_directory=tmp_path / "code"
        )
    assert api.list_jobs(workflow.id).total_count == 0
    assert api.list_user_data(workflow.id).total_count == 0


def test_pytorc_outside_a_job_says_so_in_one_line(tmp_path: Path) -> None:
    env = {"PATH": BIN, "HOME": str(tmp_path)}
    done = subprocess.run(
        [str(Path(BIN) / "pytorc"), "run-function"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "pytorc run-function: pytorc commands run inside torc jobs: "
        "TORC_API_URL and TORC_JOB_ID must be set"
    ]


def test_create_jobs_sends_batches_and_keeps_the_order(api: DefaultApi, workflow: Any) -> None:
    jobs = [JobModel(workflow_id=workflow.id, name=f"b{i}", command=f"echo {i}") for i in range(5)]
    jobs.append({"workflow_id": workflow.id, "name": "b5", "command": "echo 5"})  # a dict too
    created = create_jobs(api, jobs, max_transfer_size=2)
    assert [job.name for job in created] == [f"b{i}" for i in range(6)]
    assert len({job.id for job in created}) == 6
    assert api.list_jobs(workflow.id).total_count == 6
    with pytest.raises(ValueError, match="max_transfer_size"):
        create_jobs(api, jobs, max_transfer_size=0)


def test_iter_documents_pages_with_offset_and_limit(api: DefaultApi, workflow: Any) -> None:
    create_jobs(
        api,
        [JobModel(workflow_id=workflow.id, name=f"d{i:02d}", command="true") for i in range(25)],
    )
    names = [job.name for job in iter_documents(api.list_jobs, workflow.id, page_size=7)]
    assert names == [f"d{i:02d}" for i in range(25)]
    some = list(iter_documents(api.list_jobs, workflow.id, offset=3, limit=5))
    assert [job.name for job in some] == [f"d{i:02d}" for i in range(3, 8)]
    assert make_job_label(some[0]) == f"Job name=d03 id={some[0].id}"
    assert make_job_label(some[0], include_status=True).endswith(" status=uninitialized")


def test_send_api_command_raises_or_answers_none(api: DefaultApi) -> None:
    assert send_api_command(api.ping) is not None
    with pytest.raises(ApiError) as refused:
        send_api_command(api.get_workflow, 987_654_321)
    assert refused.value.status == 404
    assert not isinstance(refused.value, DatabaseOffline)
    assert send_api_command(api.get_workflow, 987_654_321, raise_on_error=False) is None


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/torc-service/v1"


def test_an_unreachable_server_is_database_offline(api: DefaultApi) -> None:
    offline = make_api(closed_port_url(), timeout=2)
    with pytest.raises(DatabaseOffline, match="cannot connect"):
        send_api_command(offline.ping)
    with pytest.raises(DatabaseOffline, match="did not answer within"):
        wait_for_healthy_database(offline, timeout_minutes=0.001, poll_seconds=0.01)
    wait_for_healthy_database(api, timeout_minutes=0.1, poll_seconds=0.01)  # answers at once


@pytest.fixture(scope="module")
def login_required(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    running = start_auth_server(tmp_path_factory.mktemp("pkg-auth"), "--require-auth")
    yield running
    stop_server(running.server)


def test_configuration_and_api_client_log_in(login_required: AuthServer) -> None:
    """The guide's authentication snippet."""
    config = Configuration(host=login_required.url, username="alice", password=PASSWORDS["alice"])
    api = DefaultApi(ApiClient(config))
    workflow = api.create_workflow(WorkflowModel(name="cfg", user="alice"))
    assert api.get_workflow(workflow.id).name == "cfg"

    wrong = DefaultApi(ApiClient(Configuration(host=login_required.url, username="alice")))
    with pytest.raises(ApiError) as refused:
        wrong.ping()
    assert refused.value.status == 401
    anonymous = DefaultApi(ApiClient(Configuration(host=login_required.url)))
    with pytest.raises(ApiError) as refused:
        anonymous.list_workflows()
    assert refused.value.status == 401
    with pytest.raises(ValueError, match="http"):
        Configuration(host="localhost:8080")


def test_the_package_exports_the_guides_names() -> None:
    for name in (
        "make_api",
        "map_function_to_jobs",
        "create_jobs",
        "iter_documents",
        "make_job_label",
        "send_api_command",
        "setup_logging",
        "wait_for_healthy_database",
        "Configuration",
        "ApiClient",
    ):
        assert name in torc.__all__
        assert callable(getattr(torc, name))
    # where the old package kept them
    assert torc.api.map_function_to_jobs is torc.map_function_to_jobs
    assert torc.api.iter_documents is torc.iter_documents
    assert torc.openapi_client.Configuration is Configuration
    assert torc.openapi_client.ApiClient is ApiClient


def test_models_and_pages_show_as_html_tables(api: DefaultApi, workflow: Any) -> None:
    create_jobs(
        api,
        [
            JobModel(workflow_id=workflow.id, name=f"<h{i}>", command="echo 'a & b'")
            for i in range(3)
        ],
    )
    page = api.list_jobs(workflow.id, limit=2)
    shown = page._repr_html_()
    assert "ListJobsResponse: 2 of 3, more follow" in shown
    assert shown.count("<tr>") == 3  # the header and two jobs
    assert "<th>name</th>" in shown and "<th>command</th>" in shown
    assert "&lt;h0&gt;" in shown and "echo &#x27;a &amp; b&#x27;" in shown
    one = api.get_workflow(workflow.id)._repr_html_()
    assert "<caption>WorkflowModel</caption>" in one and workflow.name in one
    rows = torc.table(api.iter_jobs(workflow.id), caption="all jobs")
    assert len(rows) == 3 and rows.rows[2]["name"] == "<h2>"
    assert rows._repr_html_().count("<tr>") == 4


def test_async_api_is_awaitable(server: RunningServer) -> None:
    import asyncio

    from torc.aio import make_async_api

    async def scenario() -> None:
        async with make_async_api(server.url) as aapi:
            wf = await aapi.create_workflow(WorkflowModel(name="aio", user="aio"))
            create_jobs(
                make_api(server.url),
                [JobModel(workflow_id=wf.id, name=f"a{i}", command="true") for i in range(5)],
            )
            got, page = await asyncio.gather(
                aapi.get_workflow(wf.id), aapi.list_jobs(wf.id, limit=2)
            )
            assert got.name == "aio" and page.total_count == 5 and len(page.items) == 2
            names = [job.name async for job in aapi.aiter_jobs(wf.id, page_size=2)]
            assert names == [f"a{i}" for i in range(5)]
            with pytest.raises(ApiError) as missing:
                await aapi.get_workflow(987_654_321)
            assert missing.value.status == 404 and missing.value.operation == "get_workflow"
            await aapi.delete_workflow(wf.id)

    asyncio.run(scenario())

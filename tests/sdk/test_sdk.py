"""The hand-written SDK (`torc`): make_api, DefaultApi, ApiError, pagination, openapi_client.

Every test talks to the session's real server (the `server` fixture) through `make_api`, except
the credential tests, which look at the requests through an httpx MockTransport.
"""

from __future__ import annotations

import base64
import inspect
import logging
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import torc
import torc.openapi_client as oc
import torc_client.models
from tests.openapi_document import load_document
from torc import ApiError, DefaultApi, iter_pages, make_api
from torc.api import OPERATIONS
from torc.openapi_client import (
    ComputeNodeModel,
    ComputeNodesResources,
    JobModel,
    JobStatus,
    ResultModel,
    WorkflowModel,
)

ROOT = Path(__file__).resolve().parents[2]
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
UNKNOWN_ID = 987_654_321


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def api(server) -> Iterator[DefaultApi]:
    with make_api(server.url) as api:
        yield api


@pytest.fixture
def workflow(api: DefaultApi) -> Iterator[WorkflowModel]:
    wf = api.create_workflow(WorkflowModel(name=unique("sdk-wf"), user=unique("user")))
    yield wf
    api.delete_workflow(wf.id)


def document_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path, operation) for every operation of the document, with the
    operation's parameters (path-level ones included) resolved into `parameters`."""
    doc = load_document()

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = doc
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in doc["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method in HTTP_METHODS:
                params = [resolve(p) for p in [*shared, *operation.get("parameters", [])]]
                body = resolve(operation["requestBody"]) if "requestBody" in operation else None
                resolved = {**operation, "parameters": params, "requestBody": body}
                found[operation["operationId"]] = (method, path, resolved)
    return found


def closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# the README example


def test_readme_example(server) -> None:
    api = make_api(server.url)
    workflow = api.create_workflow(WorkflowModel(name="demo", user="me"))
    try:
        created = api.create_job(
            JobModel(workflow_id=workflow.id, name="hello", command="echo hello")
        )
        seen = [(job.id, job.name, job.status) for job in api.iter_jobs(workflow.id)]
        assert seen == [(created.id, "hello", JobStatus.UNINITIALIZED)]
        assert isinstance(workflow, WorkflowModel)
        assert isinstance(workflow.id, int)
        assert (workflow.name, workflow.user) == ("demo", "me")
    finally:
        api.delete_workflow(workflow.id)
        api.close()


def test_user_guide_example(api: DefaultApi) -> None:
    """The Python example of the user guide's "Creating Workflows" chapter."""
    workflow = api.create_workflow(
        WorkflowModel(
            name="my_workflow",
            user="myuser",
            description="Programmatically created workflow",
        )
    )
    try:
        rr = api.create_resource_requirements(
            oc.ResourceRequirementsModel(
                workflow_id=workflow.id, name="small", num_cpus=1, memory="1g", runtime="PT10M"
            )
        )
        job = api.create_job(
            JobModel(
                workflow_id=workflow.id,
                name="job1",
                command="echo 'Hello World'",
                resource_requirements_id=rr.id,
            )
        )
        assert api.get_job(job.id).resource_requirements_id == rr.id
        assert api.get_resource_requirements(rr.id).memory == "1g"
    finally:
        deleted = api.delete_workflow(workflow.id)
    assert deleted.id == workflow.id
    with pytest.raises(ApiError) as info:
        api.get_workflow(workflow.id)
    assert info.value.status == 404


# ---------------------------------------------------------------------------------------------
# argument mapping


def test_path_and_body_positional_and_keyword(api: DefaultApi, workflow: WorkflowModel) -> None:
    job = api.create_job(JobModel(workflow_id=workflow.id, name="before", command="old"))

    job.name, job.command = "after", "new"
    updated = api.update_job(job.id, job)  # path parameter, then body
    assert isinstance(updated, JobModel)
    assert (updated.id, updated.name, updated.command) == (job.id, "after", "new")

    job.command = "newer"
    updated = api.update_job(id=job.id, body=job)
    assert updated.command == "newer"
    assert api.get_job(job.id).command == "newer"

    # a plain dict is accepted for the body
    updated = api.update_job(job.id, {**job.to_dict(), "command": "from a dict"})
    assert api.get_job(job.id).command == "from a dict"


def test_path_and_query(api: DefaultApi, workflow: WorkflowModel) -> None:
    up = api.create_job(JobModel(workflow_id=workflow.id, name="up", command="true"))
    for name in ("a", "b", "c"):
        api.create_job(
            JobModel(workflow_id=workflow.id, name=name, command="true", depends_on_job_ids=[up.id])
        )
    first = api.list_job_dependencies(workflow.id, limit=2)
    assert (first.count, first.total_count, first.has_more) == (2, 3, True)
    rest = api.list_job_dependencies(workflow.id, offset=2, limit=2)
    assert (rest.offset, rest.count, rest.has_more) == (2, 1, False)
    edges = {(d.job_name, d.depends_on_job_name) for d in [*first.items, *rest.items]}
    assert edges == {("a", "up"), ("b", "up"), ("c", "up")}
    assert {d.job_name for d in api.iter_job_dependencies(workflow.id, page_size=1)} == {
        "a",
        "b",
        "c",
    }


def test_query_only_lists(api: DefaultApi, workflow: WorkflowModel) -> None:
    for i in range(3):
        api.create_job(JobModel(workflow_id=workflow.id, name=f"j{i}", command="true"))

    page = api.list_jobs(workflow.id, limit=2)  # required query parameter, positionally
    assert (page.count, page.total_count, page.has_more, page.max_limit) == (2, 3, True, 10_000)
    assert api.list_jobs(workflow_id=workflow.id, offset=2).count == 1
    page = api.list_jobs(workflow.id, status="uninitialized", sort_by="name", reverse_sort=True)
    assert [job.name for job in page.items] == ["j2", "j1", "j0"]
    assert api.list_jobs(workflow.id, status=JobStatus.READY).items == []
    assert api.list_jobs(workflow.id, status=None).count == 3  # None leaves a filter out

    found = api.list_workflows(name=workflow.name, user=workflow.user)
    assert [wf.id for wf in found.items] == [workflow.id]


def test_lifecycle_with_enum_strings(api: DefaultApi, workflow: WorkflowModel) -> None:
    """Path parameters, a body and an enum query parameter, as a job runner uses them."""
    job = api.create_job(JobModel(workflow_id=workflow.id, name="only", command="true"))
    api.initialize_jobs(workflow.id)
    assert api.get_job(job.id).status == JobStatus.READY
    run_id = api.get_workflow_status(workflow.id).run_id
    node = api.create_compute_node(
        ComputeNodeModel(
            workflow_id=workflow.id,
            hostname="node-1",
            pid=4242,
            start_time="2024-01-31T12:00:00.000Z",
            num_cpus=8,
            memory_gb=16.0,
            num_gpus=0,
            num_nodes=1,
            compute_node_type="local",
        )
    )
    resources = ComputeNodesResources(num_cpus=8, memory_gb=16.0, num_gpus=0, num_nodes=1)
    claimed = api.claim_jobs_based_on_resources(
        workflow.id, 10, resources, sort_method="gpus_runtime_memory"
    )
    assert [j.id for j in claimed.jobs] == [job.id]
    api.start_job(job.id, run_id, node.id)
    assert api.get_job(job.id).status == JobStatus.RUNNING

    result = ResultModel(
        job_id=job.id,
        workflow_id=workflow.id,
        run_id=run_id,
        compute_node_id=node.id,
        return_code=0,
        exec_time_minutes=0.5,
        completion_time="2024-01-31T12:30:00.000Z",
        status=JobStatus.COMPLETED,
    )
    done = api.complete_job(job.id, "completed", run_id, result)  # as in the user guide
    assert done.status == JobStatus.COMPLETED
    assert api.is_workflow_complete(workflow.id).is_complete is True
    results = list(api.iter_results(workflow.id))
    assert [(r.job_id, r.return_code, r.status) for r in results] == [
        (job.id, 0, JobStatus.COMPLETED)
    ]


def test_bulk_delete_takes_the_required_query_parameter_positionally(api: DefaultApi) -> None:
    wf = api.create_workflow(WorkflowModel(name=unique("sdk-del"), user="me"))
    try:
        for i in range(4):
            api.create_job(JobModel(workflow_id=wf.id, name=f"j{i}", command="true"))
        assert api.delete_jobs(wf.id).count == 4
        assert api.list_jobs(wf.id).total_count == 0
    finally:
        api.delete_workflow(wf.id)


def test_bad_arguments_fail_before_sending(api: DefaultApi) -> None:
    with pytest.raises(ValueError, match=r"'status'.*'no-such-status'.*'ready'"):
        api.list_jobs(1, status="no-such-status")
    with pytest.raises(TypeError):
        api.get_job()
    with pytest.raises(TypeError):
        api.get_job(1, 2)
    with pytest.raises(TypeError):
        api.list_jobs(1, no_such_filter=3)
    with pytest.raises(TypeError, match="required"):
        api.get_job(None)


# ---------------------------------------------------------------------------------------------
# pagination


def test_iter_jobs_pages_through_every_job_once(api: DefaultApi, workflow: WorkflowModel) -> None:
    created = [
        api.create_job(JobModel(workflow_id=workflow.id, name=f"job-{i:02d}", command="true")).id
        for i in range(23)
    ]
    seen = [job.id for job in api.iter_jobs(workflow.id, page_size=5)]
    assert seen == sorted(created)
    assert len(set(seen)) == 23

    calls: list[tuple[int, int]] = []

    def counting_list_jobs(*args: Any, **kwargs: Any) -> Any:
        calls.append((kwargs["offset"], kwargs["limit"]))
        return api.list_jobs(*args, **kwargs)

    again = [job.id for job in iter_pages(counting_list_jobs, workflow.id, page_size=5)]
    assert again == seen
    assert calls == [(0, 5), (5, 5), (10, 5), (15, 5), (20, 5)]

    # filters go to every page; a start offset is honoured
    names = [j.name for j in api.iter_jobs(workflow.id, sort_by="name", reverse_sort=True)]
    assert names == [f"job-{i:02d}" for i in reversed(range(23))]
    tail = list(iter_pages(api.list_jobs, workflow.id, page_size=4, offset=20))
    assert [j.id for j in tail] == sorted(created)[20:]
    assert list(api.iter_jobs(workflow.id, status="ready", page_size=3)) == []


def test_iter_json_pages_walks_a_list_as_plain_json(
    api: DefaultApi, workflow: WorkflowModel
) -> None:
    from torc.pagination import iter_json_pages

    created = [
        api.create_job(JobModel(workflow_id=workflow.id, name=f"job-{i}", command="true")).id
        for i in range(7)
    ]
    records = list(iter_json_pages(api, "/jobs", page_size=3, workflow_id=workflow.id))
    assert [record["id"] for record in records] == sorted(created)
    assert all(isinstance(record, dict) for record in records)
    assert list(iter_json_pages(api, "/jobs", workflow_id=workflow.id, status="ready")) == []


def test_iter_methods_exist_for_paged_lists(api: DefaultApi, workflow: WorkflowModel) -> None:
    for name in ("iter_jobs", "iter_workflows", "iter_results", "iter_files", "iter_user_data"):
        assert callable(getattr(api, name)), name
    mine = [wf.id for wf in api.iter_workflows(user=workflow.user, page_size=2)]
    assert mine == [workflow.id]
    assert list(api.iter_results(workflow.id)) == []
    signature = inspect.signature(api.iter_jobs)
    assert "offset" not in signature.parameters and "limit" not in signature.parameters
    assert signature.parameters["page_size"].default == 1000


def test_iter_pages_checks_its_arguments(api: DefaultApi) -> None:
    with pytest.raises(ValueError, match="page_size"):
        iter_pages(api.list_jobs, 1, page_size=0)
    with pytest.raises(TypeError, match="page_size"):
        iter_pages(api.list_jobs, 1, limit=5)
    with pytest.raises(TypeError):
        iter_pages(api.list_jobs, 1, no_such_filter=1)


def test_iter_stops_on_an_empty_page_that_claims_more(api: DefaultApi) -> None:
    class Page:
        items: list[int] = []  # noqa: RUF012
        count = 0
        has_more = True

    def broken(*, offset: int, limit: int) -> Page:
        return Page()

    with pytest.raises(ApiError, match="has_more"):
        list(iter_pages(broken))


def test_iter_missing_workflow_raises(api: DefaultApi) -> None:
    with pytest.raises(ApiError) as info:
        list(api.iter_jobs(UNKNOWN_ID))
    assert info.value.status == 404


# ---------------------------------------------------------------------------------------------
# errors


def test_missing_id_raises_api_error_with_the_servers_message(server, api: DefaultApi) -> None:
    with pytest.raises(ApiError) as info:
        api.get_job(UNKNOWN_ID)
    error = info.value
    assert error.status == 404
    assert error.reason == "Not Found"
    assert error.operation == "get_job"
    assert str(UNKNOWN_ID) in error.message
    raw = httpx.get(f"{server.url}/jobs/{UNKNOWN_ID}").json()
    assert error.message == raw["error"]["message"]
    assert error.url == f"{server.url}/jobs/{UNKNOWN_ID}"
    assert str(error) == f"get_job: HTTP 404 Not Found: {error.message}"


def test_refusals_keep_their_status(api: DefaultApi, workflow: WorkflowModel) -> None:
    with pytest.raises(ApiError) as info:
        api.list_jobs(workflow.id, limit=10_001)
    assert info.value.status == 400
    assert "limit" in info.value.message
    job = api.create_job(JobModel(workflow_id=workflow.id, name="j", command="true"))
    with pytest.raises(ApiError) as info:
        api.start_job(job.id, 1, 1)  # not initialized: not pending
    assert info.value.status in (404, 422)
    assert info.value.operation == "start_job"


def test_unreachable_server_raises_api_error_naming_the_url() -> None:
    url = f"http://127.0.0.1:{closed_port()}/torc-service/v1"
    api = make_api(url, timeout=5)
    with pytest.raises(ApiError) as info:
        api.list_workflows()
    error = info.value
    assert error.status is None
    assert error.operation == "list_workflows"
    assert url in error.message
    assert "torc-server is running" in error.message
    assert isinstance(error.__cause__, httpx.ConnectError)


def test_wrong_base_path_gets_a_hint(server) -> None:
    base = server.url.removesuffix("/torc-service/v1")
    with pytest.raises(ApiError) as info:
        make_api(base).list_workflows()
    assert info.value.status == 404
    assert "/torc-service/v1" in info.value.message


def mock_api(status: int, content: bytes, content_type: str = "application/json") -> DefaultApi:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"content-type": content_type})

    return make_api(
        "http://torc.invalid/torc-service/v1",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def test_answers_outside_the_contract_still_raise_api_error() -> None:
    # an error body of another shape (a proxy, another service on the port)
    with pytest.raises(ApiError) as info:
        mock_api(404, b'{"detail": "Not Found"}').get_job(1)
    assert (info.value.status, info.value.operation) == (404, "get_job")
    assert "Not Found" in info.value.message
    # an undocumented status with a text body
    with pytest.raises(ApiError) as info:
        mock_api(502, b"Bad Gateway from the proxy", "text/plain").get_job(1)
    assert info.value.status == 502
    assert info.value.message == "Bad Gateway from the proxy"
    assert info.value.url == "http://torc.invalid/torc-service/v1/jobs/1"
    # a success that does not parse
    with pytest.raises(ApiError) as info:
        mock_api(200, b"<html>login page</html>", "text/html").get_job(1)
    assert info.value.status == 200
    assert "login page" in info.value.message
    assert info.value.__cause__ is not None


def test_make_api_refuses_a_url_without_scheme() -> None:
    with pytest.raises(ValueError, match="http"):
        make_api("localhost:8080/torc-service/v1")


def test_ping(api: DefaultApi) -> None:
    assert api.ping().status == "ok"


def test_get_version_answers_a_plain_string(api: DefaultApi) -> None:
    version = api.get_version()
    assert isinstance(version, str)
    assert version.startswith(torc.__version__)


# ---------------------------------------------------------------------------------------------
# credentials


def recording_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "ok"})

    return httpx.MockTransport(handler)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORC_USERNAME", "alice")
    monkeypatch.setenv("TORC_PASSWORD", "s3cret:é")
    seen: list[httpx.Request] = []
    api = make_api(
        "http://torc.invalid/torc-service/v1",
        httpx_args={"transport": recording_transport(seen)},
    )
    assert api.ping().status == "ok"
    assert seen[0].url == "http://torc.invalid/torc-service/v1/ping"
    assert seen[0].headers["Authorization"] == basic("alice", "s3cret:é")


def test_credential_arguments_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORC_USERNAME", "alice")
    monkeypatch.setenv("TORC_PASSWORD", "alices-password")
    seen: list[httpx.Request] = []
    api = make_api(
        "http://torc.invalid/torc-service/v1",
        username="bob",
        password="bobs-password",
        httpx_args={"transport": recording_transport(seen)},
    )
    api.ping()
    assert seen[0].headers["Authorization"] == basic("bob", "bobs-password")
    assert api.client.get_httpx_client().headers["Authorization"] == basic("bob", "bobs-password")


def test_no_credentials_no_authorization_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TORC_USERNAME", raising=False)
    monkeypatch.setenv("TORC_PASSWORD", "ignored without a user")
    seen: list[httpx.Request] = []
    api = make_api(
        "http://torc.invalid/torc-service/v1", httpx_args={"transport": recording_transport(seen)}
    )
    api.ping()
    assert "Authorization" not in seen[0].headers
    with pytest.raises(ValueError, match="user name"):
        make_api("http://torc.invalid/torc-service/v1", password="pw")


def test_credentials_reach_the_real_server(server, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server does not check credentials yet; sending them must not break anything."""
    monkeypatch.setenv("TORC_USERNAME", "alice")
    monkeypatch.setenv("TORC_PASSWORD", "pw")
    api = make_api(server.url)
    assert api.ping().status == "ok"


# ---------------------------------------------------------------------------------------------
# the whole document


def test_every_operation_is_a_method() -> None:
    documented = set(document_operations())
    assert len(documented) >= 117
    assert set(OPERATIONS) == documented
    methods = {name for name in documented if callable(getattr(DefaultApi, name, None))}
    assert methods == documented


def test_positional_order_follows_the_old_client() -> None:
    """Path parameters in path order, then a required body, then required query parameters;
    optional query parameters are keyword-only."""
    for name, (_, path, operation) in document_operations().items():
        params = inspect.signature(getattr(DefaultApi, name)).parameters
        positional = [
            p.name
            for p in params.values()
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name != "self"
        ]
        required = [p for p in positional if params[p].default is inspect.Parameter.empty]
        path_names = re.findall(r"{(\w+)}", path)
        query = [p for p in operation["parameters"] if p["in"] == "query"]
        required_query = [p["name"] for p in query if p.get("required")]
        body = operation["requestBody"]
        expected = [*path_names]
        if body and body.get("required"):
            expected.append("body")
        expected += required_query
        assert required == expected, name
        if body and not body.get("required"):
            assert positional[-1] == "body" and params["body"].default is None, name
        optional_query = {p["name"] for p in query if not p.get("required")}
        keyword_only = {p.name for p in params.values() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        assert keyword_only == optional_query, name


def test_methods_are_documented() -> None:
    doc = DefaultApi.list_jobs.__doc__
    assert doc.startswith("List a workflow's jobs")
    assert "torc.ApiError" in doc and "ListJobsResponse" in doc
    signature = inspect.signature(DefaultApi.complete_job)
    assert list(signature.parameters) == ["self", "id", "status", "run_id", "body"]
    assert signature.parameters["body"].annotation is ResultModel
    assert signature.return_annotation is JobModel


# ---------------------------------------------------------------------------------------------
# the package


def test_openapi_client_exports_every_model() -> None:
    for name in torc_client.models.__all__:
        assert getattr(oc, name) is getattr(torc_client.models, name)
        assert name in oc.__all__
    assert oc.DefaultApi is DefaultApi
    # the user guide's import
    from torc.openapi_client import DefaultApi as GuideApi
    from torc.openapi_client import ResourceRequirementsModel, SlurmSchedulerModel

    assert GuideApi is DefaultApi
    assert ResourceRequirementsModel is torc_client.models.ResourceRequirementsModel
    assert SlurmSchedulerModel is torc_client.models.SlurmSchedulerModel


def test_package_exports() -> None:
    for name in ("make_api", "DefaultApi", "ApiError", "iter_pages", "setup_logging"):
        assert name in torc.__all__
        assert getattr(torc, name)
    assert re.match(r"\d+\.\d+", torc.__version__)


def test_setup_logging(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        log_file = tmp_path / "script.log"
        torc.setup_logging(filename=log_file)
        torc.setup_logging(filename=log_file)  # again: replaces, does not duplicate
        ours = [h for h in root.handlers if h not in before[0]]
        assert len(ours) == 2
        logging.getLogger("my_script").info("hello from the script")
        for handler in ours:
            handler.flush()
        assert "hello from the script" in log_file.read_text()
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        for handler in list(root.handlers):
            if handler not in before[0]:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(before[1])
        logging.getLogger("httpx").setLevel(logging.NOTSET)

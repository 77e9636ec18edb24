"""The torc Python SDK.

    from torc import make_api
    from torc.openapi_client import WorkflowModel, JobModel

    api = make_api("http://127.0.0.1:8080/torc-service/v1")
    workflow = api.create_workflow(WorkflowModel(name="demo", user="me"))

`make_api` (or `DefaultApi(ApiClient(Configuration(host=...)))`) answers a `DefaultApi` whose methods are the API's operations by operationId;
failures raise `ApiError`; `iter_pages` (and the `iter_<plural>` methods) walk every page of a
list; `setup_logging` configures logging for scripts. `map_function_to_jobs` turns a Python function
and a list of parameters into jobs (run by the `pytorc` command); `create_jobs`,
`iter_documents`, `send_api_command`, `make_job_label` and `wait_for_healthy_database` are the
Torc package's helpers. `table(records)` shows models as an HTML table in a notebook, and
`torc.aio.make_async_api` answers an `AsyncApi` whose methods are coroutines. The models are in `torc.openapi_client`.
"""

from torc.api import DefaultApi, make_api
from torc.configuration import ApiClient, Configuration
from torc.display import table
from torc.errors import ApiError
from torc.helpers import (
    DatabaseOffline,
    create_jobs,
    iter_documents,
    make_job_label,
    send_api_command,
    wait_for_healthy_database,
)
from torc.log import setup_logging
from torc.mapping import map_function_to_jobs
from torc.pagination import iter_pages


def __getattr__(name: str) -> str:
    """`torc.__version__`, looked up on first use (importlib.metadata is slow to import, and
    every `torc` command imports this package)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("torc")
    except PackageNotFoundError:  # running from a source tree that is not installed
        value = "0+unknown"
    globals()["__version__"] = value
    return value


__all__ = [
    "ApiClient",
    "ApiError",
    "Configuration",
    "DatabaseOffline",
    "DefaultApi",
    "__version__",
    "create_jobs",
    "iter_documents",
    "iter_pages",
    "make_api",
    "make_job_label",
    "map_function_to_jobs",
    "send_api_command",
    "setup_logging",
    "table",
    "wait_for_healthy_database",
]

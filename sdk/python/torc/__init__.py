"""The torc Python SDK.

    from torc import make_api
    from torc.openapi_client import WorkflowModel, JobModel

    api = make_api("http://127.0.0.1:8080/torc-service/v1")
    workflow = api.create_workflow(WorkflowModel(name="demo", user="me"))

`make_api` answers a `DefaultApi` whose methods are the API's operations by operationId;
failures raise `ApiError`; `iter_pages` (and the `iter_<plural>` methods) walk every page of a
list; `setup_logging` configures logging for scripts. The models are in `torc.openapi_client`.
"""

from torc.api import DefaultApi, make_api
from torc.errors import ApiError
from torc.log import setup_logging
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


__all__ = ["ApiError", "DefaultApi", "__version__", "iter_pages", "make_api", "setup_logging"]

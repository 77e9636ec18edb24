"""The small helpers of the Torc Python package that scripts call around the API methods:
`send_api_command`, `iter_documents`, `create_jobs`, `make_job_label` and
`wait_for_healthy_database`, with the names and call shapes Torc users know."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from torc.errors import ApiError
from torc.pagination import DEFAULT_PAGE_SIZE, iter_pages

logger = logging.getLogger(__name__)

MAX_JOBS_PER_REQUEST = 10_000
"""The server takes at most this many jobs in one `create_jobs` request."""


class DatabaseOffline(ApiError):
    """The torc server could not be reached (no answer at all, as opposed to a refusal)."""


def send_api_command(
    func: Callable[..., Any],
    *args: Any,
    raise_on_error: bool = True,
    timeout: float | None = None,
    **kwargs: Any,
) -> Any:
    """Call one API method, logging a failure: `send_api_command(api.get_job, 7)`.

    A refusal by the server (`ApiError` with a status) is raised again, or, with
    `raise_on_error=False`, logged and answered as None. When the server cannot be reached at
    all, `DatabaseOffline` is raised (or None answered). `timeout` is accepted for scripts
    written for the old client; the client's own timeout (`make_api(timeout=)`) applies.
    """
    del timeout
    name = getattr(func, "__name__", repr(func))
    try:
        return func(*args, **kwargs)
    except ApiError as exc:
        logger.error("API command %s failed: %s", name, exc)
        if raise_on_error:
            if exc.status is None and not isinstance(exc, DatabaseOffline):
                raise DatabaseOffline(
                    exc.message, operation=exc.operation, url=exc.url, body=exc.body
                ) from exc
            raise
        return None


def iter_documents(
    func: Callable[..., Any],
    *args: Any,
    offset: int = 0,
    limit: int | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    **kwargs: Any,
) -> Iterator[Any]:
    """Yield every record a paged list method answers, page after page:
    `for job in iter_documents(api.list_jobs, workflow_id, status="ready"): ...`.

    Starts at `offset`; `limit`, when given, stops after that many records in all.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    if limit is not None:
        page_size = max(1, min(page_size, limit))
    records = iter_pages(func, *args, page_size=page_size, offset=offset, **kwargs)
    return records if limit is None else itertools.islice(records, limit)


def create_jobs(
    api: Any, jobs: Iterable[Any], max_transfer_size: int = MAX_JOBS_PER_REQUEST
) -> list[Any]:
    """Create jobs (`JobModel`s or dicts) in as few `create_jobs` requests as the server allows;
    answers the created jobs, with their ids, in the order given.

    Each request is one transaction; a failure part-way leaves the earlier batches created.
    """
    from torc_client.models import JobModel, JobsModel

    if not 1 <= max_transfer_size <= MAX_JOBS_PER_REQUEST:
        raise ValueError(
            f"max_transfer_size must be between 1 and {MAX_JOBS_PER_REQUEST}, got {max_transfer_size}"
        )
    created: list[Any] = []
    batch: list[Any] = []

    def send() -> None:
        created.extend(api.create_jobs(JobsModel(jobs=batch)).jobs)
        batch.clear()

    for job in jobs:
        batch.append(JobModel.from_dict(job) if isinstance(job, dict) else job)
        if len(batch) == max_transfer_size:
            send()
    if batch:
        send()
    return created


def make_job_label(job: Any, include_status: bool = False) -> str:
    """A short label for a job in log messages: `Job name=work_3 id=17` (and its status)."""
    label = f"Job name={job.name} id={job.id}"
    if include_status:
        status = getattr(job.status, "value", job.status)
        label += f" status={status}"
    return label


def wait_for_healthy_database(
    api: Any, timeout_minutes: float = 20, poll_seconds: float = 60
) -> None:
    """Ping the server until it answers; raise `DatabaseOffline` after `timeout_minutes`.

    For scripts that start while the server is restarting (or not up yet in a batch job).
    """
    deadline = time.monotonic() + timeout_minutes * 60
    while True:
        try:
            api.ping()
            return
        except ApiError as exc:
            if exc.status is not None:
                return  # the server answered: it is up, whatever it thinks of the request
            logger.info("torc server at %s is not answering yet: %s", api.url, exc.message)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DatabaseOffline(
                f"the torc server at {api.url} did not answer within {timeout_minutes} minutes",
                operation="ping",
                url=api.url,
            )
        time.sleep(min(poll_seconds, remaining))

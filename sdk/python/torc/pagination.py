"""Walk every page of a list operation."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from torc.errors import ApiError

DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10_000


def iter_pages(
    list_fn: Callable[..., Any], *args: Any, page_size: int = DEFAULT_PAGE_SIZE, **filters: Any
) -> Iterator[Any]:
    """Yield every item of a paged list operation, fetching one page at a time.

    `list_fn` is a list method of `DefaultApi` (or any callable taking `offset` and `limit`
    and answering a page with `items` and `has_more`); `args` and `filters` are passed to it
    unchanged, for example::

        for job in iter_pages(api.list_jobs, workflow_id, status="ready"):
            ...

    Pages are requested with `limit=page_size`, starting at `offset` (a filter, default 0) and
    moving on by the page's `count` (or the number of its items) while `has_more` is true.

    Raises ValueError for a `page_size` outside 1..10,000 and TypeError for arguments that
    `list_fn` does not take, when called; `ApiError` while iterating, when a page fails.
    """
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise TypeError(f"page_size must be an int, not {type(page_size).__name__}")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {page_size}")
    if "limit" in filters:
        raise TypeError("iter_pages() sets `limit` itself; pass page_size= instead")
    offset = filters.pop("offset", None) or 0
    try:
        signature = inspect.signature(list_fn)
    except (TypeError, ValueError):  # a callable without a signature: check on the first call
        signature = None
    if signature is not None:
        signature.bind(*args, offset=offset, limit=page_size, **filters)
    return _walk(list_fn, args, filters, offset, page_size)


def _walk(
    list_fn: Callable[..., Any],
    args: tuple[Any, ...],
    filters: dict[str, Any],
    offset: int,
    page_size: int,
) -> Iterator[Any]:
    while True:
        page = list_fn(*args, offset=offset, limit=page_size, **filters)
        items = page.items if isinstance(getattr(page, "items", None), list) else []
        yield from items
        if getattr(page, "has_more", False) is not True:
            return
        count = getattr(page, "count", None)
        step = count if isinstance(count, int) and not isinstance(count, bool) else len(items)
        if step <= 0:
            name = getattr(list_fn, "__name__", "list")
            raise ApiError(
                f"the server answered an empty page at offset {offset} but said more records "
                "follow (has_more); stopping instead of asking for the same page again",
                status=200,
                operation=name,
            )
        offset += step


def iter_json_pages(
    api: Any,
    path: str,
    *,
    page_size: int = MAX_PAGE_SIZE,
    operation: str | None = None,
    **query: Any,
) -> Iterator[dict[str, Any]]:
    """Every record of a paged list as plain JSON, through `DefaultApi.request_json` (a tenth
    of the client's work of the list methods, and no models to build on a command's first
    call): `iter_json_pages(api, "/files", workflow_id=3)`."""
    offset = 0
    while True:
        page = api.request_json(
            "GET", path, params={**query, "offset": offset, "limit": page_size}, operation=operation
        )
        items = page.get("items") or []
        yield from items
        if page.get("has_more") is not True:
            return
        step = page.get("count") or len(items)
        if step <= 0:
            raise ApiError(
                f"the server answered an empty page at offset {offset} but said more records "
                "follow (has_more); stopping instead of asking for the same page again",
                status=200,
                operation=operation or path,
            )
        offset += step

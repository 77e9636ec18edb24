"""Listing: the paging options every list command shares, and fetching the records they ask for.

A list command returns every matching record unless `--limit` says otherwise: records are
fetched one server page (at most 10,000 records) at a time, starting at `--offset`, until the
server has no more or `--limit` records have been collected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli.session import CliError

PAGE_SIZE = 10_000
"""Records per request: the most the server sends in one page."""

_LIMIT_HELP = "Maximum number of records to return. Default: all of them (fetched page by page)."
_OFFSET_HELP = "Offset for pagination (0-based)."
_SORT_HELP = "Field to sort by (default: id)."
_REVERSE_HELP = "Reverse sort order."

Limit = Annotated[int | None, Parameter(name=["--limit", "-l"], help=_LIMIT_HELP)]
Offset = Annotated[int, Parameter(name="--offset", help=_OFFSET_HELP)]
OffsetO = Annotated[int, Parameter(name=["--offset", "-o"], help=_OFFSET_HELP)]
SortBy = Annotated[str | None, Parameter(name="--sort-by", help=_SORT_HELP)]
SortByS = Annotated[str | None, Parameter(name=["--sort-by", "-s"], help=_SORT_HELP)]
ReverseSort = Annotated[bool, Parameter(name="--reverse-sort", negative=(), help=_REVERSE_HELP)]
ReverseSortR = Annotated[
    bool, Parameter(name=["--reverse-sort", "-r"], negative=(), help=_REVERSE_HELP)
]


class Records(list[Any]):
    """The records a list command fetched, and how many match on the server (`total`, None
    when unknown): a `--limit` or `--offset` shows part of them, and the count says so."""

    total: int | None = None


def fetch(
    list_fn: Callable[..., Any],
    *args: Any,
    limit: int | None = None,
    offset: int = 0,
    sort_by: str | None = None,
    reverse_sort: bool = False,
    keep: Callable[[Any], bool] | None = None,
    **filters: Any,
) -> Records:
    """The records of a paged list operation of the SDK, page after page.

    `limit` None means all of them. `keep`, when given, filters records on the client side
    (`--limit` then counts the records kept). Filters that are None are not sent.
    """
    if limit is not None and limit < 0:
        raise CliError(f"--limit must be 0 or more, not {limit}")
    if offset < 0:
        raise CliError(f"--offset must be 0 or more, not {offset}")
    options = {name: value for name, value in filters.items() if value is not None}
    if sort_by is not None:
        options["sort_by"] = sort_by
    if reverse_sort:
        options["reverse_sort"] = True
    records = Records()
    position = offset
    while limit is None or len(records) < limit:
        size = PAGE_SIZE if limit is None or keep is not None else limit - len(records)
        try:
            page = list_fn(*args, offset=position, limit=min(size, PAGE_SIZE), **options)
        except ValueError as exc:  # the SDK checks the document's enums (sort_by's fields)
            if "'sort_by'" not in str(exc):
                raise
            allowed = str(exc).rsplit("is not one of ", 1)[-1].replace("'", "")
            raise CliError(f"cannot sort by '{sort_by}'; use one of: {allowed}") from None
        items = page.items if isinstance(page.items, list) else []
        total = getattr(page, "total_count", None)
        if keep is None and isinstance(total, int) and records.total is None:
            records.total = total
        records.extend(item for item in items if keep is None or keep(item))
        if page.has_more is not True or not items:
            break
        position += len(items)
    if limit is not None and len(records) > limit:
        del records[limit:]
    return records

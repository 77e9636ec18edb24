"""`AsyncApi`: the API's operations as coroutines, for notebooks and asyncio programs.

    from torc.aio import make_async_api

    api = make_async_api("http://localhost:8080/torc-service/v1")
    workflow = await api.get_workflow(3)
    jobs, status = await asyncio.gather(api.list_jobs(3), api.get_workflow_status(3))
    async for job in api.aiter_jobs(3, status="failed"):
        ...

Each method takes the same arguments as the `DefaultApi` method of the same name (so the same
documentation holds) and answers the same models, over the generated SDK's `asyncio_detailed`
functions and one `httpx.AsyncClient`; failures raise `torc.ApiError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from torc.api import OPERATIONS, DefaultApi, Operation, make_api
from torc.display import enable_html
from torc.errors import ApiError
from torc.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


class AsyncApi:
    """Every operation of the torc API as an `async` method named by its operationId, plus
    `aiter_<plural>` async iterators over paged lists. Close it with `await api.aclose()` or
    use `async with`."""

    def __init__(self, sync: DefaultApi) -> None:
        self._sync = sync
        self.client = sync.client

    @property
    def url(self) -> str:
        return self._sync.url

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in OPERATIONS:
            return _bind(self, OPERATIONS[name])
        if name.startswith("aiter_"):
            list_name = "list_" + name.removeprefix("aiter_")
            if list_name in OPERATIONS and OPERATIONS[list_name].pages:
                return _bind_pages(self, OPERATIONS[list_name])
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        names = {*super().__dir__(), *OPERATIONS}
        names |= {"aiter_" + n.removeprefix("list_") for n in OPERATIONS if n.startswith("list_")}
        return sorted(names)

    async def _invoke(self, op: Operation, arguments: dict[str, Any]) -> Any:
        sync = self._sync
        path_args = [sync._argument(op, name, arguments.pop(name)) for name in op.path_params]
        kwargs: dict[str, Any] = {}
        for name, value in arguments.items():
            optional = name in op.optional_query or (name == "body" and not op.body_required)
            if value is None and optional:
                continue
            kwargs[name] = sync._argument(op, name, value)
        call = op.module.asyncio_detailed
        try:
            response = await call(*path_args, client=self.client, **kwargs)
        except httpx.HTTPError as exc:
            raise sync._transport_error(op, exc) from exc
        except (ValueError, KeyError, TypeError) as exc:  # an answer the models cannot read
            raise ApiError(
                f"cannot read the server's answer ({type(exc).__name__}: {exc})",
                operation=op.name,
                url=self.url,
            ) from exc
        status = int(response.status_code)
        if status != 200:
            raise sync._status_error(op, status, response.content, None)
        enable_html(response.parsed)
        return response.parsed

    async def aclose(self) -> None:
        """Close the asynchronous (and synchronous) HTTP connections."""
        await self.client.get_async_httpx_client().aclose()
        self._sync.close()

    async def __aenter__(self) -> AsyncApi:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncApi(url={self.url!r})"


def _bind(api: AsyncApi, op: Operation) -> Callable[..., Any]:
    signature = op.signature

    async def method(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(api, *args, **kwargs)
        arguments = dict(bound.arguments)
        del arguments["self"]
        return await api._invoke(op, arguments)

    method.__name__ = op.name
    method.__doc__ = getattr(DefaultApi, op.name).__doc__
    method.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=list(signature.parameters.values())[1:]
    )
    return method


def _bind_pages(api: AsyncApi, op: Operation) -> Callable[..., AsyncIterator[Any]]:
    list_method = _bind(api, op)

    async def pages(
        *args: Any, page_size: int = DEFAULT_PAGE_SIZE, **filters: Any
    ) -> AsyncIterator[Any]:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {page_size}")
        offset = filters.pop("offset", None) or 0
        while True:
            page = await list_method(*args, offset=offset, limit=page_size, **filters)
            for item in page.items:
                yield item
            if page.has_more is not True:
                return
            step = page.count if isinstance(page.count, int) else len(page.items)
            if step <= 0:
                raise ApiError("the server answered an empty page but said more follow")
            offset += step

    pages.__name__ = "aiter_" + op.name.removeprefix("list_")
    return pages


def make_async_api(url: str, **options: Any) -> AsyncApi:
    """Connect to a torc server for use with `await`; takes the options of `torc.make_api`."""
    return AsyncApi(make_api(url, **options))

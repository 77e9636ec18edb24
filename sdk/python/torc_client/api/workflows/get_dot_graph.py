from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.dot_graph_response import DotGraphResponse
from ...types import Response


def _get_kwargs(
    id: int,
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/dot_graph/{name}".format(
            id=quote(str(id), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | DotGraphResponse | None:
    if response.status_code == 200:
        response_200 = DotGraphResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | DotGraphResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | DotGraphResponse]:
    """Get a workflow's job dependency graph in Graphviz DOT

     Answers the workflow's job dependency graph as Graphviz DOT text: one node per job, labeled with its
    name, and one edge from each job to every job that depends on it. `name` becomes the graph's name in
    the DOT header (`digraph <name> { ... }`). Render it with, for example, `dot -Tsvg`. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | DotGraphResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | DotGraphResponse | None:
    """Get a workflow's job dependency graph in Graphviz DOT

     Answers the workflow's job dependency graph as Graphviz DOT text: one node per job, labeled with its
    name, and one edge from each job to every job that depends on it. `name` becomes the graph's name in
    the DOT header (`digraph <name> { ... }`). Render it with, for example, `dot -Tsvg`. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | DotGraphResponse
    """

    return sync_detailed(
        id=id,
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DefaultErrorResponse | DotGraphResponse]:
    """Get a workflow's job dependency graph in Graphviz DOT

     Answers the workflow's job dependency graph as Graphviz DOT text: one node per job, labeled with its
    name, and one edge from each job to every job that depends on it. `name` becomes the graph's name in
    the DOT header (`digraph <name> { ... }`). Render it with, for example, `dot -Tsvg`. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | DotGraphResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> DefaultErrorResponse | DotGraphResponse | None:
    """Get a workflow's job dependency graph in Graphviz DOT

     Answers the workflow's job dependency graph as Graphviz DOT text: one node per job, labeled with its
    name, and one edge from each job to every job that depends on it. `name` becomes the graph's name in
    the DOT header (`digraph <name> { ... }`). Render it with, for example, `dot -Tsvg`. It changes
    nothing. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | DotGraphResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            name=name,
            client=client,
        )
    ).parsed

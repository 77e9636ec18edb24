from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.result_model import ResultModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: ResultModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/results/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ResultModel | None:
    if response.status_code == 200:
        response_200 = ResultModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ResultModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> Response[DefaultErrorResponse | ResultModel]:
    """Update a result

     Replaces the fields of a result with those of the body. The job's status is not changed. The
    `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no result has this id.

    Args:
        id (int):
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResultModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> DefaultErrorResponse | ResultModel | None:
    """Update a result

     Replaces the fields of a result with those of the body. The job's status is not changed. The
    `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no result has this id.

    Args:
        id (int):
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResultModel
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> Response[DefaultErrorResponse | ResultModel]:
    """Update a result

     Replaces the fields of a result with those of the body. The job's status is not changed. The
    `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no result has this id.

    Args:
        id (int):
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResultModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResultModel,
) -> DefaultErrorResponse | ResultModel | None:
    """Update a result

     Replaces the fields of a result with those of the body. The job's status is not changed. The
    `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no result has this id.

    Args:
        id (int):
        body (ResultModel): The result of one attempt of a job in one run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResultModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.resource_requirements_model import ResourceRequirementsModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: ResourceRequirementsModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/resource_requirements/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ResourceRequirementsModel | None:
    if response.status_code == 200:
        response_200 = ResourceRequirementsModel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DefaultErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = DefaultErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = DefaultErrorResponse.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DefaultErrorResponse | ResourceRequirementsModel]:
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
    body: ResourceRequirementsModel,
) -> Response[DefaultErrorResponse | ResourceRequirementsModel]:
    """Update a resource requirements record

     Replaces the name and resource values of a record with those of the body; fields left out
    take their defaults. Every job that uses the record sees the new values from its next claim
    on. The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in
    its workflow.

    `memory` is a number with an optional 1024-based unit suffix `k`, `m`, `g` or `t` (a bare
    number is bytes); `runtime` is an ISO-8601 duration such as `PT30M` or `P0DT1M`. A value
    that cannot be read is refused with 400. Impossible values are refused with 422 naming the
    field, as for `create_resource_requirements`. Refused with 404 when no record has this id.

    Args:
        id (int):
        body (ResourceRequirementsModel): A named set of resources that a job needs. Runners claim
            a job only when its requirements fit their free resources.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResourceRequirementsModel]
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
    body: ResourceRequirementsModel,
) -> DefaultErrorResponse | ResourceRequirementsModel | None:
    """Update a resource requirements record

     Replaces the name and resource values of a record with those of the body; fields left out
    take their defaults. Every job that uses the record sees the new values from its next claim
    on. The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in
    its workflow.

    `memory` is a number with an optional 1024-based unit suffix `k`, `m`, `g` or `t` (a bare
    number is bytes); `runtime` is an ISO-8601 duration such as `PT30M` or `P0DT1M`. A value
    that cannot be read is refused with 400. Impossible values are refused with 422 naming the
    field, as for `create_resource_requirements`. Refused with 404 when no record has this id.

    Args:
        id (int):
        body (ResourceRequirementsModel): A named set of resources that a job needs. Runners claim
            a job only when its requirements fit their free resources.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResourceRequirementsModel
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
    body: ResourceRequirementsModel,
) -> Response[DefaultErrorResponse | ResourceRequirementsModel]:
    """Update a resource requirements record

     Replaces the name and resource values of a record with those of the body; fields left out
    take their defaults. Every job that uses the record sees the new values from its next claim
    on. The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in
    its workflow.

    `memory` is a number with an optional 1024-based unit suffix `k`, `m`, `g` or `t` (a bare
    number is bytes); `runtime` is an ISO-8601 duration such as `PT30M` or `P0DT1M`. A value
    that cannot be read is refused with 400. Impossible values are refused with 422 naming the
    field, as for `create_resource_requirements`. Refused with 404 when no record has this id.

    Args:
        id (int):
        body (ResourceRequirementsModel): A named set of resources that a job needs. Runners claim
            a job only when its requirements fit their free resources.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ResourceRequirementsModel]
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
    body: ResourceRequirementsModel,
) -> DefaultErrorResponse | ResourceRequirementsModel | None:
    """Update a resource requirements record

     Replaces the name and resource values of a record with those of the body; fields left out
    take their defaults. Every job that uses the record sees the new values from its next claim
    on. The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in
    its workflow.

    `memory` is a number with an optional 1024-based unit suffix `k`, `m`, `g` or `t` (a bare
    number is bytes); `runtime` is an ISO-8601 duration such as `PT30M` or `P0DT1M`. A value
    that cannot be read is refused with 400. Impossible values are refused with 422 naming the
    field, as for `create_resource_requirements`. Refused with 404 when no record has this id.

    Args:
        id (int):
        body (ResourceRequirementsModel): A named set of resources that a job needs. Runners claim
            a job only when its requirements fit their free resources.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ResourceRequirementsModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed

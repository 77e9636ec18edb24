from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.delete_resource_requirement_body import DeleteResourceRequirementBody
from ...models.resource_requirements_model import ResourceRequirementsModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: DeleteResourceRequirementBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/resource_requirements/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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

    if response.status_code == 409:
        response_409 = DefaultErrorResponse.from_dict(response.json())

        return response_409

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
    body: DeleteResourceRequirementBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | ResourceRequirementsModel]:
    """Delete a resource requirements record

     Deletes one resource requirements record and answers with it. Refused with 409 while jobs use the
    record (update or delete those jobs first: deleting requirements never deletes jobs), and with 404
    when no record has this id.

    Args:
        id (int):
        body (DeleteResourceRequirementBody | Unset):

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
    body: DeleteResourceRequirementBody | Unset = UNSET,
) -> DefaultErrorResponse | ResourceRequirementsModel | None:
    """Delete a resource requirements record

     Deletes one resource requirements record and answers with it. Refused with 409 while jobs use the
    record (update or delete those jobs first: deleting requirements never deletes jobs), and with 404
    when no record has this id.

    Args:
        id (int):
        body (DeleteResourceRequirementBody | Unset):

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
    body: DeleteResourceRequirementBody | Unset = UNSET,
) -> Response[DefaultErrorResponse | ResourceRequirementsModel]:
    """Delete a resource requirements record

     Deletes one resource requirements record and answers with it. Refused with 409 while jobs use the
    record (update or delete those jobs first: deleting requirements never deletes jobs), and with 404
    when no record has this id.

    Args:
        id (int):
        body (DeleteResourceRequirementBody | Unset):

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
    body: DeleteResourceRequirementBody | Unset = UNSET,
) -> DefaultErrorResponse | ResourceRequirementsModel | None:
    """Delete a resource requirements record

     Deletes one resource requirements record and answers with it. Refused with 409 while jobs use the
    record (update or delete those jobs first: deleting requirements never deletes jobs), and with 404
    when no record has this id.

    Args:
        id (int):
        body (DeleteResourceRequirementBody | Unset):

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

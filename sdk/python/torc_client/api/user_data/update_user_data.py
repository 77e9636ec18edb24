from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.user_data_model import UserDataModel
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: UserDataModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/user_data/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | UserDataModel | None:
    if response.status_code == 200:
        response_200 = UserDataModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | UserDataModel]:
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
    body: UserDataModel,
) -> Response[DefaultErrorResponse | UserDataModel]:
    """Update a user data record

     Replaces the `name`, `is_ephemeral` and `data` of a user data record with those of the body.
    `data` is replaced as a whole, not merged: the record holds exactly the object sent, and a
    body without `data` clears it. A producer job typically calls this to publish its result.
    The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no user data record has this id.

    Args:
        id (int):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserDataModel]
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
    body: UserDataModel,
) -> DefaultErrorResponse | UserDataModel | None:
    """Update a user data record

     Replaces the `name`, `is_ephemeral` and `data` of a user data record with those of the body.
    `data` is replaced as a whole, not merged: the record holds exactly the object sent, and a
    body without `data` clears it. A producer job typically calls this to publish its result.
    The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no user data record has this id.

    Args:
        id (int):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserDataModel
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
    body: UserDataModel,
) -> Response[DefaultErrorResponse | UserDataModel]:
    """Update a user data record

     Replaces the `name`, `is_ephemeral` and `data` of a user data record with those of the body.
    `data` is replaced as a whole, not merged: the record holds exactly the object sent, and a
    body without `data` clears it. A producer job typically calls this to publish its result.
    The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no user data record has this id.

    Args:
        id (int):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserDataModel]
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
    body: UserDataModel,
) -> DefaultErrorResponse | UserDataModel | None:
    """Update a user data record

     Replaces the `name`, `is_ephemeral` and `data` of a user data record with those of the body.
    `data` is replaced as a whole, not merged: the record holds exactly the object sent, and a
    body without `data` clears it. A producer job typically calls this to publish its result.
    The `id` and `workflow_id` in the body are ignored: a record keeps its id and stays in its
    workflow.

    Refused with 404 when no user data record has this id.

    Args:
        id (int):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserDataModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed

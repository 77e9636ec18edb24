from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.user_data_model import UserDataModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UserDataModel,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["consumer_job_id"] = consumer_job_id

    params["producer_job_id"] = producer_job_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/user_data",
        "params": params,
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
    *,
    client: AuthenticatedClient | Client,
    body: UserDataModel,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | UserDataModel]:
    """Create a user data record

     Stores a named JSON object for a workflow. Jobs exchange data through user data the way they
    exchange files: a job that lists a record in `output_user_data_ids` produces it, a job that
    lists it in `input_user_data_ids` consumes it and waits for its producer. A record may be
    created without `data` and filled in later by its producer. An ephemeral record
    (`is_ephemeral`) holds data that is only valid for one run and can be cleared when the
    workflow is initialized again.

    `consumer_job_id` and `producer_job_id` link the new record to a job in the same request, as
    if the job listed it among its inputs or outputs.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow, or when a job id given in the query is not a job of that workflow.

    Args:
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserDataModel]
    """

    kwargs = _get_kwargs(
        body=body,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UserDataModel,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
) -> DefaultErrorResponse | UserDataModel | None:
    """Create a user data record

     Stores a named JSON object for a workflow. Jobs exchange data through user data the way they
    exchange files: a job that lists a record in `output_user_data_ids` produces it, a job that
    lists it in `input_user_data_ids` consumes it and waits for its producer. A record may be
    created without `data` and filled in later by its producer. An ephemeral record
    (`is_ephemeral`) holds data that is only valid for one run and can be cleared when the
    workflow is initialized again.

    `consumer_job_id` and `producer_job_id` link the new record to a job in the same request, as
    if the job listed it among its inputs or outputs.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow, or when a job id given in the query is not a job of that workflow.

    Args:
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | UserDataModel
    """

    return sync_detailed(
        client=client,
        body=body,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserDataModel,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
) -> Response[DefaultErrorResponse | UserDataModel]:
    """Create a user data record

     Stores a named JSON object for a workflow. Jobs exchange data through user data the way they
    exchange files: a job that lists a record in `output_user_data_ids` produces it, a job that
    lists it in `input_user_data_ids` consumes it and waits for its producer. A record may be
    created without `data` and filled in later by its producer. An ephemeral record
    (`is_ephemeral`) holds data that is only valid for one run and can be cleared when the
    workflow is initialized again.

    `consumer_job_id` and `producer_job_id` link the new record to a job in the same request, as
    if the job listed it among its inputs or outputs.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow, or when a job id given in the query is not a job of that workflow.

    Args:
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
        body (UserDataModel): A user data record: a JSON value stored in the database and passed
            between jobs. A job that reads it depends on the job that writes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | UserDataModel]
    """

    kwargs = _get_kwargs(
        body=body,
        consumer_job_id=consumer_job_id,
        producer_job_id=producer_job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UserDataModel,
    consumer_job_id: int | Unset = UNSET,
    producer_job_id: int | Unset = UNSET,
) -> DefaultErrorResponse | UserDataModel | None:
    """Create a user data record

     Stores a named JSON object for a workflow. Jobs exchange data through user data the way they
    exchange files: a job that lists a record in `output_user_data_ids` produces it, a job that
    lists it in `input_user_data_ids` consumes it and waits for its producer. A record may be
    created without `data` and filled in later by its producer. An ephemeral record
    (`is_ephemeral`) holds data that is only valid for one run and can be cleared when the
    workflow is initialized again.

    `consumer_job_id` and `producer_job_id` link the new record to a job in the same request, as
    if the job listed it among its inputs or outputs.

    Answers with the stored record and its new `id`. Refused with 404 when `workflow_id` names
    no workflow, or when a job id given in the query is not a job of that workflow.

    Args:
        consumer_job_id (int | Unset):
        producer_job_id (int | Unset):
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
            client=client,
            body=body,
            consumer_job_id=consumer_job_id,
            producer_job_id=producer_job_id,
        )
    ).parsed

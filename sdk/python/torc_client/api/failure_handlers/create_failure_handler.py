from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.failure_handler_model import FailureHandlerModel
from ...types import Response


def _get_kwargs(
    *,
    body: FailureHandlerModel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/failure_handlers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | FailureHandlerModel | None:
    if response.status_code == 200:
        response_200 = FailureHandlerModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | FailureHandlerModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FailureHandlerModel,
) -> Response[DefaultErrorResponse | FailureHandlerModel]:
    """Create a failure handler

     Stores a named set of rules that says what a runner does when a job fails. `rules` is a
    string holding a JSON array; each rule gives the `exit_codes` it applies to (or
    `match_all_exit_codes`), an optional `recovery_script` to run before retrying, and
    `max_retries` (default 3). Jobs use a handler through `failure_handler_id`.

    Answers with the stored handler and its new `id`. Refused with 422 when `rules` does not hold
    a JSON array of rule objects and with 404 when `workflow_id` names no workflow.

    Args:
        body (FailureHandlerModel): A failure handler: rules that decide, from a failed job's
            return code, whether the job runner retries it and what recovery script it runs first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | FailureHandlerModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FailureHandlerModel,
) -> DefaultErrorResponse | FailureHandlerModel | None:
    """Create a failure handler

     Stores a named set of rules that says what a runner does when a job fails. `rules` is a
    string holding a JSON array; each rule gives the `exit_codes` it applies to (or
    `match_all_exit_codes`), an optional `recovery_script` to run before retrying, and
    `max_retries` (default 3). Jobs use a handler through `failure_handler_id`.

    Answers with the stored handler and its new `id`. Refused with 422 when `rules` does not hold
    a JSON array of rule objects and with 404 when `workflow_id` names no workflow.

    Args:
        body (FailureHandlerModel): A failure handler: rules that decide, from a failed job's
            return code, whether the job runner retries it and what recovery script it runs first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | FailureHandlerModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FailureHandlerModel,
) -> Response[DefaultErrorResponse | FailureHandlerModel]:
    """Create a failure handler

     Stores a named set of rules that says what a runner does when a job fails. `rules` is a
    string holding a JSON array; each rule gives the `exit_codes` it applies to (or
    `match_all_exit_codes`), an optional `recovery_script` to run before retrying, and
    `max_retries` (default 3). Jobs use a handler through `failure_handler_id`.

    Answers with the stored handler and its new `id`. Refused with 422 when `rules` does not hold
    a JSON array of rule objects and with 404 when `workflow_id` names no workflow.

    Args:
        body (FailureHandlerModel): A failure handler: rules that decide, from a failed job's
            return code, whether the job runner retries it and what recovery script it runs first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | FailureHandlerModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FailureHandlerModel,
) -> DefaultErrorResponse | FailureHandlerModel | None:
    """Create a failure handler

     Stores a named set of rules that says what a runner does when a job fails. `rules` is a
    string holding a JSON array; each rule gives the `exit_codes` it applies to (or
    `match_all_exit_codes`), an optional `recovery_script` to run before retrying, and
    `max_retries` (default 3). Jobs use a handler through `failure_handler_id`.

    Answers with the stored handler and its new `id`. Refused with 422 when `rules` does not hold
    a JSON array of rule objects and with 404 when `workflow_id` names no workflow.

    Args:
        body (FailureHandlerModel): A failure handler: rules that decide, from a failed job's
            return code, whether the job runner retries it and what recovery script it runs first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | FailureHandlerModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

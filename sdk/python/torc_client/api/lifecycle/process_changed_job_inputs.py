from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.process_changed_job_inputs_body import ProcessChangedJobInputsBody
from ...models.process_changed_job_inputs_response import (
    ProcessChangedJobInputsResponse,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ProcessChangedJobInputsBody | Unset = UNSET,
    dry_run: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/process_changed_job_inputs".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | ProcessChangedJobInputsResponse | None:
    if response.status_code == 200:
        response_200 = ProcessChangedJobInputsResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | ProcessChangedJobInputsResponse]:
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
    body: ProcessChangedJobInputsBody | Unset = UNSET,
    dry_run: bool | Unset = False,
) -> Response[DefaultErrorResponse | ProcessChangedJobInputsResponse]:
    """Reset jobs whose inputs changed since the last initialization

     Compares each job's current input hash (command, invocation script, dependencies, files, user data
    ids and the content of its input user data) with the hash recorded by the last `initialize_jobs`,
    sets every job whose inputs changed back to `uninitialized`, and answers the names of those jobs.
    With `dry_run` it only answers the names and changes nothing. File modification times are not part
    of the hash: clients detect changed files themselves. Call `initialize_jobs` with
    `only_uninitialized` afterwards. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        dry_run (bool | Unset):  Default: False.
        body (ProcessChangedJobInputsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ProcessChangedJobInputsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        dry_run=dry_run,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessChangedJobInputsBody | Unset = UNSET,
    dry_run: bool | Unset = False,
) -> DefaultErrorResponse | ProcessChangedJobInputsResponse | None:
    """Reset jobs whose inputs changed since the last initialization

     Compares each job's current input hash (command, invocation script, dependencies, files, user data
    ids and the content of its input user data) with the hash recorded by the last `initialize_jobs`,
    sets every job whose inputs changed back to `uninitialized`, and answers the names of those jobs.
    With `dry_run` it only answers the names and changes nothing. File modification times are not part
    of the hash: clients detect changed files themselves. Call `initialize_jobs` with
    `only_uninitialized` afterwards. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        dry_run (bool | Unset):  Default: False.
        body (ProcessChangedJobInputsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ProcessChangedJobInputsResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        dry_run=dry_run,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessChangedJobInputsBody | Unset = UNSET,
    dry_run: bool | Unset = False,
) -> Response[DefaultErrorResponse | ProcessChangedJobInputsResponse]:
    """Reset jobs whose inputs changed since the last initialization

     Compares each job's current input hash (command, invocation script, dependencies, files, user data
    ids and the content of its input user data) with the hash recorded by the last `initialize_jobs`,
    sets every job whose inputs changed back to `uninitialized`, and answers the names of those jobs.
    With `dry_run` it only answers the names and changes nothing. File modification times are not part
    of the hash: clients detect changed files themselves. Call `initialize_jobs` with
    `only_uninitialized` afterwards. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        dry_run (bool | Unset):  Default: False.
        body (ProcessChangedJobInputsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | ProcessChangedJobInputsResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        dry_run=dry_run,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ProcessChangedJobInputsBody | Unset = UNSET,
    dry_run: bool | Unset = False,
) -> DefaultErrorResponse | ProcessChangedJobInputsResponse | None:
    """Reset jobs whose inputs changed since the last initialization

     Compares each job's current input hash (command, invocation script, dependencies, files, user data
    ids and the content of its input user data) with the hash recorded by the last `initialize_jobs`,
    sets every job whose inputs changed back to `uninitialized`, and answers the names of those jobs.
    With `dry_run` it only answers the names and changes nothing. File modification times are not part
    of the hash: clients detect changed files themselves. Call `initialize_jobs` with
    `only_uninitialized` afterwards. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        dry_run (bool | Unset):  Default: False.
        body (ProcessChangedJobInputsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | ProcessChangedJobInputsResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            dry_run=dry_run,
        )
    ).parsed

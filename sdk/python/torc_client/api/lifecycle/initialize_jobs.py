from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.initialize_jobs_body import InitializeJobsBody
from ...models.message_response import MessageResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: InitializeJobsBody | Unset = UNSET,
    only_uninitialized: bool | Unset = False,
    clear_ephemeral_user_data: bool | Unset = True,
    start_run_if_uninitialized: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["only_uninitialized"] = only_uninitialized

    params["clear_ephemeral_user_data"] = clear_ephemeral_user_data

    params["start_run_if_uninitialized"] = start_run_if_uninitialized

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/initialize_jobs".format(
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
) -> DefaultErrorResponse | MessageResponse | None:
    if response.status_code == 200:
        response_200 = MessageResponse.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | MessageResponse]:
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
    body: InitializeJobsBody | Unset = UNSET,
    only_uninitialized: bool | Unset = False,
    clear_ephemeral_user_data: bool | Unset = True,
    start_run_if_uninitialized: bool | Unset = False,
) -> Response[DefaultErrorResponse | MessageResponse]:
    """Initialize a workflow's jobs for a run

     Prepares the workflow's jobs to run, in one transaction:

    1. Adds the dependencies implied by files and user data: a job that consumes a file or user
       data record depends on the job that produces it.
    2. With `only_uninitialized`, first sets every job downstream of an uninitialized job back to
       `uninitialized` too.
    3. Evaluates the jobs (only the uninitialized ones with `only_uninitialized`; otherwise every
       job that is uninitialized, blocked or ready): a job with a dependency that is not yet
       complete becomes `blocked`, any other becomes `ready`. Disabled jobs and jobs that have
       finished keep their status.
    4. Records each job's input hash (command, invocation script, dependencies, files, user data
       ids and the content of its input user data), which `process_changed_job_inputs` compares
       against later.
    5. Resets the workflow's actions (clears `executed`, recomputes trigger counts) and fires the
       `on_workflow_start`, `on_worker_start`, `on_worker_complete` and `on_jobs_ready` triggers.

    It also clears the data of the workflow's ephemeral user data when `clear_ephemeral_user_data`
    is true, and broadcasts a `workflow_started` or `workflow_reinitialized` event. Answers
    `{"message": "Initialized job status"}`. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        only_uninitialized (bool | Unset):  Default: False.
        clear_ephemeral_user_data (bool | Unset):  Default: True.
        start_run_if_uninitialized (bool | Unset):  Default: False.
        body (InitializeJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | MessageResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        only_uninitialized=only_uninitialized,
        clear_ephemeral_user_data=clear_ephemeral_user_data,
        start_run_if_uninitialized=start_run_if_uninitialized,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: InitializeJobsBody | Unset = UNSET,
    only_uninitialized: bool | Unset = False,
    clear_ephemeral_user_data: bool | Unset = True,
    start_run_if_uninitialized: bool | Unset = False,
) -> DefaultErrorResponse | MessageResponse | None:
    """Initialize a workflow's jobs for a run

     Prepares the workflow's jobs to run, in one transaction:

    1. Adds the dependencies implied by files and user data: a job that consumes a file or user
       data record depends on the job that produces it.
    2. With `only_uninitialized`, first sets every job downstream of an uninitialized job back to
       `uninitialized` too.
    3. Evaluates the jobs (only the uninitialized ones with `only_uninitialized`; otherwise every
       job that is uninitialized, blocked or ready): a job with a dependency that is not yet
       complete becomes `blocked`, any other becomes `ready`. Disabled jobs and jobs that have
       finished keep their status.
    4. Records each job's input hash (command, invocation script, dependencies, files, user data
       ids and the content of its input user data), which `process_changed_job_inputs` compares
       against later.
    5. Resets the workflow's actions (clears `executed`, recomputes trigger counts) and fires the
       `on_workflow_start`, `on_worker_start`, `on_worker_complete` and `on_jobs_ready` triggers.

    It also clears the data of the workflow's ephemeral user data when `clear_ephemeral_user_data`
    is true, and broadcasts a `workflow_started` or `workflow_reinitialized` event. Answers
    `{"message": "Initialized job status"}`. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        only_uninitialized (bool | Unset):  Default: False.
        clear_ephemeral_user_data (bool | Unset):  Default: True.
        start_run_if_uninitialized (bool | Unset):  Default: False.
        body (InitializeJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | MessageResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        only_uninitialized=only_uninitialized,
        clear_ephemeral_user_data=clear_ephemeral_user_data,
        start_run_if_uninitialized=start_run_if_uninitialized,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: InitializeJobsBody | Unset = UNSET,
    only_uninitialized: bool | Unset = False,
    clear_ephemeral_user_data: bool | Unset = True,
    start_run_if_uninitialized: bool | Unset = False,
) -> Response[DefaultErrorResponse | MessageResponse]:
    """Initialize a workflow's jobs for a run

     Prepares the workflow's jobs to run, in one transaction:

    1. Adds the dependencies implied by files and user data: a job that consumes a file or user
       data record depends on the job that produces it.
    2. With `only_uninitialized`, first sets every job downstream of an uninitialized job back to
       `uninitialized` too.
    3. Evaluates the jobs (only the uninitialized ones with `only_uninitialized`; otherwise every
       job that is uninitialized, blocked or ready): a job with a dependency that is not yet
       complete becomes `blocked`, any other becomes `ready`. Disabled jobs and jobs that have
       finished keep their status.
    4. Records each job's input hash (command, invocation script, dependencies, files, user data
       ids and the content of its input user data), which `process_changed_job_inputs` compares
       against later.
    5. Resets the workflow's actions (clears `executed`, recomputes trigger counts) and fires the
       `on_workflow_start`, `on_worker_start`, `on_worker_complete` and `on_jobs_ready` triggers.

    It also clears the data of the workflow's ephemeral user data when `clear_ephemeral_user_data`
    is true, and broadcasts a `workflow_started` or `workflow_reinitialized` event. Answers
    `{"message": "Initialized job status"}`. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        only_uninitialized (bool | Unset):  Default: False.
        clear_ephemeral_user_data (bool | Unset):  Default: True.
        start_run_if_uninitialized (bool | Unset):  Default: False.
        body (InitializeJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | MessageResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        only_uninitialized=only_uninitialized,
        clear_ephemeral_user_data=clear_ephemeral_user_data,
        start_run_if_uninitialized=start_run_if_uninitialized,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: InitializeJobsBody | Unset = UNSET,
    only_uninitialized: bool | Unset = False,
    clear_ephemeral_user_data: bool | Unset = True,
    start_run_if_uninitialized: bool | Unset = False,
) -> DefaultErrorResponse | MessageResponse | None:
    """Initialize a workflow's jobs for a run

     Prepares the workflow's jobs to run, in one transaction:

    1. Adds the dependencies implied by files and user data: a job that consumes a file or user
       data record depends on the job that produces it.
    2. With `only_uninitialized`, first sets every job downstream of an uninitialized job back to
       `uninitialized` too.
    3. Evaluates the jobs (only the uninitialized ones with `only_uninitialized`; otherwise every
       job that is uninitialized, blocked or ready): a job with a dependency that is not yet
       complete becomes `blocked`, any other becomes `ready`. Disabled jobs and jobs that have
       finished keep their status.
    4. Records each job's input hash (command, invocation script, dependencies, files, user data
       ids and the content of its input user data), which `process_changed_job_inputs` compares
       against later.
    5. Resets the workflow's actions (clears `executed`, recomputes trigger counts) and fires the
       `on_workflow_start`, `on_worker_start`, `on_worker_complete` and `on_jobs_ready` triggers.

    It also clears the data of the workflow's ephemeral user data when `clear_ephemeral_user_data`
    is true, and broadcasts a `workflow_started` or `workflow_reinitialized` event. Answers
    `{"message": "Initialized job status"}`. Refused with 404 when the workflow does not exist.

    Args:
        id (int):
        only_uninitialized (bool | Unset):  Default: False.
        clear_ephemeral_user_data (bool | Unset):  Default: True.
        start_run_if_uninitialized (bool | Unset):  Default: False.
        body (InitializeJobsBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | MessageResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            only_uninitialized=only_uninitialized,
            clear_ephemeral_user_data=clear_ephemeral_user_data,
            start_run_if_uninitialized=start_run_if_uninitialized,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.reset_workflow_status_body import ResetWorkflowStatusBody
from ...models.workflow_status_model import WorkflowStatusModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ResetWorkflowStatusBody | Unset = UNSET,
    force: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/workflows/{id}/reset_status".format(
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
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    if response.status_code == 200:
        response_200 = WorkflowStatusModel.from_dict(response.json())

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
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
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
    body: ResetWorkflowStatusBody | Unset = UNSET,
    force: bool | Unset = False,
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
    """Reset a workflow's status flags

     Clears the workflow's `is_canceled` and `has_detected_need_to_run_completion_script` flags so that
    the workflow can run again, records an event, and answers the new status. The run id is unchanged
    and job statuses are not touched (use `reset_job_status` for those). Refused with 422 when the
    workflow is archived, and, unless `force` is true, when any of its jobs is `pending` or `running` or
    any of its scheduled compute nodes is `pending` or `active`. Refused with 404 when the workflow does
    not exist.

    Args:
        id (int):
        force (bool | Unset):  Default: False.
        body (ResetWorkflowStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowStatusModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        force=force,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetWorkflowStatusBody | Unset = UNSET,
    force: bool | Unset = False,
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    """Reset a workflow's status flags

     Clears the workflow's `is_canceled` and `has_detected_need_to_run_completion_script` flags so that
    the workflow can run again, records an event, and answers the new status. The run id is unchanged
    and job statuses are not touched (use `reset_job_status` for those). Refused with 422 when the
    workflow is archived, and, unless `force` is true, when any of its jobs is `pending` or `running` or
    any of its scheduled compute nodes is `pending` or `active`. Refused with 404 when the workflow does
    not exist.

    Args:
        id (int):
        force (bool | Unset):  Default: False.
        body (ResetWorkflowStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowStatusModel
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        force=force,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetWorkflowStatusBody | Unset = UNSET,
    force: bool | Unset = False,
) -> Response[DefaultErrorResponse | WorkflowStatusModel]:
    """Reset a workflow's status flags

     Clears the workflow's `is_canceled` and `has_detected_need_to_run_completion_script` flags so that
    the workflow can run again, records an event, and answers the new status. The run id is unchanged
    and job statuses are not touched (use `reset_job_status` for those). Refused with 422 when the
    workflow is archived, and, unless `force` is true, when any of its jobs is `pending` or `running` or
    any of its scheduled compute nodes is `pending` or `active`. Refused with 404 when the workflow does
    not exist.

    Args:
        id (int):
        force (bool | Unset):  Default: False.
        body (ResetWorkflowStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | WorkflowStatusModel]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ResetWorkflowStatusBody | Unset = UNSET,
    force: bool | Unset = False,
) -> DefaultErrorResponse | WorkflowStatusModel | None:
    """Reset a workflow's status flags

     Clears the workflow's `is_canceled` and `has_detected_need_to_run_completion_script` flags so that
    the workflow can run again, records an event, and answers the new status. The run id is unchanged
    and job statuses are not touched (use `reset_job_status` for those). Refused with 422 when the
    workflow is archived, and, unless `force` is true, when any of its jobs is `pending` or `running` or
    any of its scheduled compute nodes is `pending` or `active`. Refused with 404 when the workflow does
    not exist.

    Args:
        id (int):
        force (bool | Unset):  Default: False.
        body (ResetWorkflowStatusBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | WorkflowStatusModel
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            force=force,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.default_error_response import DefaultErrorResponse
from ...models.workflow_action_model import WorkflowActionModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    trigger_type: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_trigger_type: list[str] | Unset = UNSET
    if not isinstance(trigger_type, Unset):
        json_trigger_type = trigger_type

    params["trigger_type"] = json_trigger_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/workflows/{id}/actions/pending".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DefaultErrorResponse | list[WorkflowActionModel] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = WorkflowActionModel.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[DefaultErrorResponse | list[WorkflowActionModel]]:
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
    trigger_type: list[str] | Unset = UNSET,
) -> Response[DefaultErrorResponse | list[WorkflowActionModel]]:
    """List the actions ready to be claimed

     Answers with the actions of the workflow whose trigger has fired (`trigger_count` has
    reached `required_triggers`) and that have not been executed, ordered by id, as a plain
    array. Persistent actions stay in this list after they are claimed, so every runner sees
    them. Runners poll this and then claim each action they can run with `claim_action`.

    `trigger_type` restricts the answer to some trigger types; repeat the key to give several
    (`?trigger_type=on_jobs_ready&trigger_type=on_jobs_complete`). Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):
        trigger_type (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | list[WorkflowActionModel]]
    """

    kwargs = _get_kwargs(
        id=id,
        trigger_type=trigger_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    trigger_type: list[str] | Unset = UNSET,
) -> DefaultErrorResponse | list[WorkflowActionModel] | None:
    """List the actions ready to be claimed

     Answers with the actions of the workflow whose trigger has fired (`trigger_count` has
    reached `required_triggers`) and that have not been executed, ordered by id, as a plain
    array. Persistent actions stay in this list after they are claimed, so every runner sees
    them. Runners poll this and then claim each action they can run with `claim_action`.

    `trigger_type` restricts the answer to some trigger types; repeat the key to give several
    (`?trigger_type=on_jobs_ready&trigger_type=on_jobs_complete`). Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):
        trigger_type (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | list[WorkflowActionModel]
    """

    return sync_detailed(
        id=id,
        client=client,
        trigger_type=trigger_type,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    trigger_type: list[str] | Unset = UNSET,
) -> Response[DefaultErrorResponse | list[WorkflowActionModel]]:
    """List the actions ready to be claimed

     Answers with the actions of the workflow whose trigger has fired (`trigger_count` has
    reached `required_triggers`) and that have not been executed, ordered by id, as a plain
    array. Persistent actions stay in this list after they are claimed, so every runner sees
    them. Runners poll this and then claim each action they can run with `claim_action`.

    `trigger_type` restricts the answer to some trigger types; repeat the key to give several
    (`?trigger_type=on_jobs_ready&trigger_type=on_jobs_complete`). Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):
        trigger_type (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefaultErrorResponse | list[WorkflowActionModel]]
    """

    kwargs = _get_kwargs(
        id=id,
        trigger_type=trigger_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    trigger_type: list[str] | Unset = UNSET,
) -> DefaultErrorResponse | list[WorkflowActionModel] | None:
    """List the actions ready to be claimed

     Answers with the actions of the workflow whose trigger has fired (`trigger_count` has
    reached `required_triggers`) and that have not been executed, ordered by id, as a plain
    array. Persistent actions stay in this list after they are claimed, so every runner sees
    them. Runners poll this and then claim each action they can run with `claim_action`.

    `trigger_type` restricts the answer to some trigger types; repeat the key to give several
    (`?trigger_type=on_jobs_ready&trigger_type=on_jobs_complete`). Refused with 404 when the
    workflow does not exist.

    Args:
        id (int):
        trigger_type (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefaultErrorResponse | list[WorkflowActionModel]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            trigger_type=trigger_type,
        )
    ).parsed

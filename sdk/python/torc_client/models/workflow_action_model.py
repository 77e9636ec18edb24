from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_action_model_action_config import (
        WorkflowActionModelActionConfig,
    )


T = TypeVar("T", bound="WorkflowActionModel")


@_attrs_define
class WorkflowActionModel:
    """A workflow action: something a job runner does when a trigger fires, for example run commands when the workflow
    starts, or request Slurm allocations when some jobs become ready. Runners find actions whose trigger has fired with
    `get_pending_actions`, claim them with `claim_action` and execute them.

        Attributes:
            workflow_id (int): Id of the workflow.
            trigger_type (str): When the action fires: `on_workflow_start` (when the workflow is initialized),
                `on_workflow_complete` (when every job has finished), `on_jobs_ready` (when all of `job_ids` are ready),
                `on_jobs_complete` (when all of `job_ids` are complete), `on_worker_start` (when a job runner starts) or
                `on_worker_complete` (when a job runner stops).
            action_type (str): What the action does: `run_commands` (run `action_config.commands` one after the other in the
                runner's output directory) or `schedule_nodes` (request allocations from a scheduler).
            action_config (WorkflowActionModelActionConfig): Settings of the action, as a JSON object. For `run_commands`:
                exactly `{"commands": [<non-empty strings>]}`. For `schedule_nodes`: `scheduler_id`, `scheduler_type` (`slurm`),
                `num_allocations`, and optionally `start_one_worker_per_node` and `max_parallel_jobs`; no other keys.
            id (int | Unset): Id of the action, assigned by the server.
            job_ids (list[int] | Unset): Ids of the jobs that `on_jobs_ready` and `on_jobs_complete` triggers watch.
            executed (bool | Unset): The action has been claimed by a runner. Persistent actions stay false so that every
                runner can claim them. Default: False.
            executed_at (str | Unset): When the action was last claimed (ISO-8601 timestamp).
            executed_by (int | Unset): Id of the compute node that claimed the action.
            persistent (bool | Unset): Every runner may claim and execute the action (for example once per worker for
                `on_worker_start`), instead of only the first one. Default: False.
            trigger_count (int | Unset): How many of the action's trigger events have happened (for job triggers, how many
                of `job_ids` have reached the state watched). Managed by the server. Default: 0.
            required_triggers (int | Unset): Number of trigger events needed before the action is pending: the number of
                `job_ids` for job triggers, otherwise 1. Managed by the server. Default: 1.
            is_recovery (bool | Unset): The action was added while recovering a failed workflow; `initialize_jobs` deletes
                such actions. Default: False.
    """

    workflow_id: int
    trigger_type: str
    action_type: str
    action_config: WorkflowActionModelActionConfig
    id: int | Unset = UNSET
    job_ids: list[int] | Unset = UNSET
    executed: bool | Unset = False
    executed_at: str | Unset = UNSET
    executed_by: int | Unset = UNSET
    persistent: bool | Unset = False
    trigger_count: int | Unset = 0
    required_triggers: int | Unset = 1
    is_recovery: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        trigger_type = self.trigger_type

        action_type = self.action_type

        action_config = self.action_config.to_dict()

        id = self.id

        job_ids: list[int] | Unset = UNSET
        if not isinstance(self.job_ids, Unset):
            job_ids = self.job_ids

        executed = self.executed

        executed_at = self.executed_at

        executed_by = self.executed_by

        persistent = self.persistent

        trigger_count = self.trigger_count

        required_triggers = self.required_triggers

        is_recovery = self.is_recovery

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "trigger_type": trigger_type,
                "action_type": action_type,
                "action_config": action_config,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if job_ids is not UNSET:
            field_dict["job_ids"] = job_ids
        if executed is not UNSET:
            field_dict["executed"] = executed
        if executed_at is not UNSET:
            field_dict["executed_at"] = executed_at
        if executed_by is not UNSET:
            field_dict["executed_by"] = executed_by
        if persistent is not UNSET:
            field_dict["persistent"] = persistent
        if trigger_count is not UNSET:
            field_dict["trigger_count"] = trigger_count
        if required_triggers is not UNSET:
            field_dict["required_triggers"] = required_triggers
        if is_recovery is not UNSET:
            field_dict["is_recovery"] = is_recovery

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_action_model_action_config import (
            WorkflowActionModelActionConfig,
        )

        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        trigger_type = d.pop("trigger_type")

        action_type = d.pop("action_type")

        action_config = WorkflowActionModelActionConfig.from_dict(
            d.pop("action_config")
        )

        id = d.pop("id", UNSET)

        job_ids = cast(list[int], d.pop("job_ids", UNSET))

        executed = d.pop("executed", UNSET)

        executed_at = d.pop("executed_at", UNSET)

        executed_by = d.pop("executed_by", UNSET)

        persistent = d.pop("persistent", UNSET)

        trigger_count = d.pop("trigger_count", UNSET)

        required_triggers = d.pop("required_triggers", UNSET)

        is_recovery = d.pop("is_recovery", UNSET)

        workflow_action_model = cls(
            workflow_id=workflow_id,
            trigger_type=trigger_type,
            action_type=action_type,
            action_config=action_config,
            id=id,
            job_ids=job_ids,
            executed=executed,
            executed_at=executed_at,
            executed_by=executed_by,
            persistent=persistent,
            trigger_count=trigger_count,
            required_triggers=required_triggers,
            is_recovery=is_recovery,
        )

        workflow_action_model.additional_properties = d
        return workflow_action_model

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

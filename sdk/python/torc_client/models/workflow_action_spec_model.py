from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_action_spec_model_action_config import (
        WorkflowActionSpecModelActionConfig,
    )


T = TypeVar("T", bound="WorkflowActionSpecModel")


@_attrs_define
class WorkflowActionSpecModel:
    """A workflow action in a specification, with jobs named rather than numbered.

    Attributes:
        trigger_type (str): on_workflow_start, on_workflow_complete, on_jobs_ready, on_jobs_complete, on_worker_start or
            on_worker_complete.
        action_type (str): run_commands or schedule_nodes.
        jobs (list[str] | Unset): Names of the jobs a job trigger waits for.
        action_config (WorkflowActionSpecModelActionConfig | Unset): The action's settings, as for
            `create_workflow_action`. For schedule_nodes, a `scheduler` entry naming a Slurm scheduler of the specification
            is replaced by its `scheduler_id`.
        persistent (bool | Unset): Every worker runs the action, rather than only the first that claims it. Default:
            False.
    """

    trigger_type: str
    action_type: str
    jobs: list[str] | Unset = UNSET
    action_config: WorkflowActionSpecModelActionConfig | Unset = UNSET
    persistent: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trigger_type = self.trigger_type

        action_type = self.action_type

        jobs: list[str] | Unset = UNSET
        if not isinstance(self.jobs, Unset):
            jobs = self.jobs

        action_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.action_config, Unset):
            action_config = self.action_config.to_dict()

        persistent = self.persistent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trigger_type": trigger_type,
                "action_type": action_type,
            }
        )
        if jobs is not UNSET:
            field_dict["jobs"] = jobs
        if action_config is not UNSET:
            field_dict["action_config"] = action_config
        if persistent is not UNSET:
            field_dict["persistent"] = persistent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_action_spec_model_action_config import (
            WorkflowActionSpecModelActionConfig,
        )

        d = dict(src_dict)
        trigger_type = d.pop("trigger_type")

        action_type = d.pop("action_type")

        jobs = cast(list[str], d.pop("jobs", UNSET))

        _action_config = d.pop("action_config", UNSET)
        action_config: WorkflowActionSpecModelActionConfig | Unset
        if isinstance(_action_config, Unset):
            action_config = UNSET
        else:
            action_config = WorkflowActionSpecModelActionConfig.from_dict(
                _action_config
            )

        persistent = d.pop("persistent", UNSET)

        workflow_action_spec_model = cls(
            trigger_type=trigger_type,
            action_type=action_type,
            jobs=jobs,
            action_config=action_config,
            persistent=persistent,
        )

        workflow_action_spec_model.additional_properties = d
        return workflow_action_spec_model

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

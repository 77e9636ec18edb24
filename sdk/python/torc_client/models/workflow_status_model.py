from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowStatusModel")


@_attrs_define
class WorkflowStatusModel:
    """The run state of a workflow.

    Attributes:
        is_canceled (bool): The workflow has been canceled; claims answer no jobs until it is reset.
        run_id (int): Number of the current run, 0 for a new workflow. Clients add 1 each time they start or restart the
            workflow; `start_job`, `complete_job`, `manage_status_change` and `retry_job` must pass the current value, so
            that runners of an earlier run cannot change jobs of the current one.
        id (int | Unset): Id of the status record; equal to the workflow's id.
        is_archived (bool | Unset): The workflow is archived: kept for reference, hidden from default listings, and
            refused by `reset_workflow_status`. Default: False.
        has_detected_need_to_run_completion_script (bool | Unset): Set when the workflow has become complete and a
            completion script still has to run. Kept for compatibility with v1 clients. Default: False.
    """

    is_canceled: bool
    run_id: int
    id: int | Unset = UNSET
    is_archived: bool | Unset = False
    has_detected_need_to_run_completion_script: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_canceled = self.is_canceled

        run_id = self.run_id

        id = self.id

        is_archived = self.is_archived

        has_detected_need_to_run_completion_script = (
            self.has_detected_need_to_run_completion_script
        )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_canceled": is_canceled,
                "run_id": run_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if is_archived is not UNSET:
            field_dict["is_archived"] = is_archived
        if has_detected_need_to_run_completion_script is not UNSET:
            field_dict["has_detected_need_to_run_completion_script"] = (
                has_detected_need_to_run_completion_script
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_canceled = d.pop("is_canceled")

        run_id = d.pop("run_id")

        id = d.pop("id", UNSET)

        is_archived = d.pop("is_archived", UNSET)

        has_detected_need_to_run_completion_script = d.pop(
            "has_detected_need_to_run_completion_script", UNSET
        )

        workflow_status_model = cls(
            is_canceled=is_canceled,
            run_id=run_id,
            id=id,
            is_archived=is_archived,
            has_detected_need_to_run_completion_script=has_detected_need_to_run_completion_script,
        )

        workflow_status_model.additional_properties = d
        return workflow_status_model

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

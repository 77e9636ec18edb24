from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowAccessGroupModel")


@_attrs_define
class WorkflowAccessGroupModel:
    """The sharing of a workflow with an access group.

    Attributes:
        workflow_id (int): Id of the workflow.
        group_id (int): Id of the access group whose members may access the workflow.
        created_at (str | Unset): When the workflow was shared (ISO-8601 timestamp), set by the server.
    """

    workflow_id: int
    group_id: int
    created_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        group_id = self.group_id

        created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "group_id": group_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        group_id = d.pop("group_id")

        created_at = d.pop("created_at", UNSET)

        workflow_access_group_model = cls(
            workflow_id=workflow_id,
            group_id=group_id,
            created_at=created_at,
        )

        workflow_access_group_model.additional_properties = d
        return workflow_access_group_model

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

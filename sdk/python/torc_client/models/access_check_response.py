from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccessCheckResponse")


@_attrs_define
class AccessCheckResponse:
    """Whether a user may access a workflow.

    Attributes:
        has_access (bool): The user may access the workflow: they own it, share it through an access group, or are an
            administrator.
        user_name (str): Name of the user checked.
        workflow_id (int): Id of the workflow checked.
    """

    has_access: bool
    user_name: str
    workflow_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        has_access = self.has_access

        user_name = self.user_name

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "has_access": has_access,
                "user_name": user_name,
                "workflow_id": workflow_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        has_access = d.pop("has_access")

        user_name = d.pop("user_name")

        workflow_id = d.pop("workflow_id")

        access_check_response = cls(
            has_access=has_access,
            user_name=user_name,
            workflow_id=workflow_id,
        )

        access_check_response.additional_properties = d
        return access_check_response

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

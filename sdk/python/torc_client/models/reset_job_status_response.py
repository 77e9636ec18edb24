from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResetJobStatusResponse")


@_attrs_define
class ResetJobStatusResponse:
    """The outcome of `reset_job_status`.

    Attributes:
        workflow_id (int): Id of the workflow.
        updated_count (int): Number of jobs reset.
        status (str): The status the jobs were reset to, `uninitialized`.
        reset_type (str | Unset): `failed_only` when only unsuccessful jobs were reset; left out otherwise.
    """

    workflow_id: int
    updated_count: int
    status: str
    reset_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        updated_count = self.updated_count

        status = self.status

        reset_type = self.reset_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "updated_count": updated_count,
                "status": status,
            }
        )
        if reset_type is not UNSET:
            field_dict["reset_type"] = reset_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        updated_count = d.pop("updated_count")

        status = d.pop("status")

        reset_type = d.pop("reset_type", UNSET)

        reset_job_status_response = cls(
            workflow_id=workflow_id,
            updated_count=updated_count,
            status=status,
            reset_type=reset_type,
        )

        reset_job_status_response.additional_properties = d
        return reset_job_status_response

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

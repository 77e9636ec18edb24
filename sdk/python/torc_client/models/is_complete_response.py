from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IsCompleteResponse")


@_attrs_define
class IsCompleteResponse:
    """Whether a workflow is complete.

    Attributes:
        is_canceled (bool): The workflow has been canceled; runners stop their jobs.
        is_complete (bool): The workflow is canceled or every job is `completed`, `failed`, `canceled` or `disabled`.
        needs_to_run_completion_script (bool): The workflow's `has_detected_need_to_run_completion_script` flag. Kept
            for compatibility with v1 clients.
    """

    is_canceled: bool
    is_complete: bool
    needs_to_run_completion_script: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_canceled = self.is_canceled

        is_complete = self.is_complete

        needs_to_run_completion_script = self.needs_to_run_completion_script

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_canceled": is_canceled,
                "is_complete": is_complete,
                "needs_to_run_completion_script": needs_to_run_completion_script,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_canceled = d.pop("is_canceled")

        is_complete = d.pop("is_complete")

        needs_to_run_completion_script = d.pop("needs_to_run_completion_script")

        is_complete_response = cls(
            is_canceled=is_canceled,
            is_complete=is_complete,
            needs_to_run_completion_script=needs_to_run_completion_script,
        )

        is_complete_response.additional_properties = d
        return is_complete_response

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

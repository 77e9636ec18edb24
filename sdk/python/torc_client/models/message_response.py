from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageResponse")


@_attrs_define
class MessageResponse:
    """A plain confirmation.

    Attributes:
        message (str): What was done, for example `Initialized job status`.
        initialized (bool | Unset): `initialize_jobs` with `start_run_if_uninitialized`: whether this request
            initialized the workflow (false: it was initialized already).
        run_id (int | Unset): `initialize_jobs` with `start_run_if_uninitialized`: the workflow's run id after the
            request.
    """

    message: str
    initialized: bool | Unset = UNSET
    run_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        initialized = self.initialized

        run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if initialized is not UNSET:
            field_dict["initialized"] = initialized
        if run_id is not UNSET:
            field_dict["run_id"] = run_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message")

        initialized = d.pop("initialized", UNSET)

        run_id = d.pop("run_id", UNSET)

        message_response = cls(
            message=message,
            initialized=initialized,
            run_id=run_id,
        )

        message_response.additional_properties = d
        return message_response

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

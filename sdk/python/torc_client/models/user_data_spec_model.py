from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserDataSpecModel")


@_attrs_define
class UserDataSpecModel:
    """A user data record in a workflow specification.

    Attributes:
        name (str): Name of the record, unique in the workflow.
        data (Any | Unset): The data, any JSON value; left out when a job will produce it.
        is_ephemeral (bool | Unset): Cleared when the workflow is initialized again. Default: False.
    """

    name: str
    data: Any | Unset = UNSET
    is_ephemeral: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data = self.data

        is_ephemeral = self.is_ephemeral

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if is_ephemeral is not UNSET:
            field_dict["is_ephemeral"] = is_ephemeral

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        data = d.pop("data", UNSET)

        is_ephemeral = d.pop("is_ephemeral", UNSET)

        user_data_spec_model = cls(
            name=name,
            data=data,
            is_ephemeral=is_ephemeral,
        )

        user_data_spec_model.additional_properties = d
        return user_data_spec_model

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

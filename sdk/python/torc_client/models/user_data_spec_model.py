from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_data_spec_model_data import UserDataSpecModelData


T = TypeVar("T", bound="UserDataSpecModel")


@_attrs_define
class UserDataSpecModel:
    """A user data record in a workflow specification.

    Attributes:
        name (str): Name of the record, unique in the workflow.
        data (UserDataSpecModelData | Unset): The data; left out when a job will produce it.
        is_ephemeral (bool | Unset): Cleared when the workflow is initialized again. Default: False.
    """

    name: str
    data: UserDataSpecModelData | Unset = UNSET
    is_ephemeral: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

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
        from ..models.user_data_spec_model_data import UserDataSpecModelData

        d = dict(src_dict)
        name = d.pop("name")

        _data = d.pop("data", UNSET)
        data: UserDataSpecModelData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = UserDataSpecModelData.from_dict(_data)

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserDataModel")


@_attrs_define
class UserDataModel:
    """A user data record: a JSON value stored in the database and passed between jobs. A job that reads it depends on the
    job that writes it.

        Attributes:
            workflow_id (int): Id of the workflow.
            name (str): Name of the record.
            id (int | Unset): Id of the record, assigned by the server.
            is_ephemeral (bool | Unset): The data lasts for one run only: it is cleared before a new run so that the job
                that produces it runs again. Default: False.
            data (Any | Unset): The data: any JSON value (an object, an array, a number, a string, a boolean). Left out (or
                null) while no job has produced it yet. An update replaces it as a whole.
    """

    workflow_id: int
    name: str
    id: int | Unset = UNSET
    is_ephemeral: bool | Unset = False
    data: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        id = self.id

        is_ephemeral = self.is_ephemeral

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if is_ephemeral is not UNSET:
            field_dict["is_ephemeral"] = is_ephemeral
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        name = d.pop("name")

        id = d.pop("id", UNSET)

        is_ephemeral = d.pop("is_ephemeral", UNSET)

        data = d.pop("data", UNSET)

        user_data_model = cls(
            workflow_id=workflow_id,
            name=name,
            id=id,
            is_ephemeral=is_ephemeral,
            data=data,
        )

        user_data_model.additional_properties = d
        return user_data_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileSpecModel")


@_attrs_define
class FileSpecModel:
    """A file in a workflow specification.

    Attributes:
        name (str): Name of the file, unique in the workflow.
        path (str): Path of the file.
        st_mtime (float | Unset): Modification time in seconds since the epoch, when already known.
    """

    name: str
    path: str
    st_mtime: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        st_mtime = self.st_mtime

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "path": path,
            }
        )
        if st_mtime is not UNSET:
            field_dict["st_mtime"] = st_mtime

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        path = d.pop("path")

        st_mtime = d.pop("st_mtime", UNSET)

        file_spec_model = cls(
            name=name,
            path=path,
            st_mtime=st_mtime,
        )

        file_spec_model.additional_properties = d
        return file_spec_model

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

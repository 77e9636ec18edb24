from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileModel")


@_attrs_define
class FileModel:
    """A file that jobs read or write. A job that reads a file depends on the job that writes it.

    Attributes:
        workflow_id (int): Id of the workflow.
        name (str): Name of the file, used to refer to it in workflow specifications.
        path (str): Path of the file, absolute or relative to the job runner's working directory.
        id (int | Unset): Id of the file, assigned by the server.
        st_mtime (float | Unset): Modification time of the file when clients last looked, in seconds since the Unix
            epoch; left out while the file does not exist. Clients compare it with the disk to find changed inputs.
    """

    workflow_id: int
    name: str
    path: str
    id: int | Unset = UNSET
    st_mtime: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        path = self.path

        id = self.id

        st_mtime = self.st_mtime

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "name": name,
                "path": path,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if st_mtime is not UNSET:
            field_dict["st_mtime"] = st_mtime

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        name = d.pop("name")

        path = d.pop("path")

        id = d.pop("id", UNSET)

        st_mtime = d.pop("st_mtime", UNSET)

        file_model = cls(
            workflow_id=workflow_id,
            name=name,
            path=path,
            id=id,
            st_mtime=st_mtime,
        )

        file_model.additional_properties = d
        return file_model

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

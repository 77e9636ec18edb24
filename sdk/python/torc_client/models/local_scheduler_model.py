from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalSchedulerModel")


@_attrs_define
class LocalSchedulerModel:
    """A local scheduler configuration: the resources of job runners started on the local machine.

    Attributes:
        workflow_id (int): Id of the workflow.
        id (int | Unset): Id of the record, assigned by the server.
        name (str | Unset): Name of the configuration. Default: 'default'.
        memory (str | Unset): Memory a runner may use, with a unit as in `resource_requirements_model.memory`.
        num_cpus (int | Unset): Number of CPUs a runner may use.
    """

    workflow_id: int
    id: int | Unset = UNSET
    name: str | Unset = "default"
    memory: str | Unset = UNSET
    num_cpus: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        id = self.id

        name = self.name

        memory = self.memory

        num_cpus = self.num_cpus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if memory is not UNSET:
            field_dict["memory"] = memory
        if num_cpus is not UNSET:
            field_dict["num_cpus"] = num_cpus

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        memory = d.pop("memory", UNSET)

        num_cpus = d.pop("num_cpus", UNSET)

        local_scheduler_model = cls(
            workflow_id=workflow_id,
            id=id,
            name=name,
            memory=memory,
            num_cpus=num_cpus,
        )

        local_scheduler_model.additional_properties = d
        return local_scheduler_model

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

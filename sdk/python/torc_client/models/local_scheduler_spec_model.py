from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalSchedulerSpecModel")


@_attrs_define
class LocalSchedulerSpecModel:
    """Local scheduler settings in a workflow specification.

    Attributes:
        name (str | Unset): Name. Default: 'default'.
        memory (str | Unset): Memory available to jobs.
        num_cpus (int | Unset): CPUs available to jobs.
    """

    name: str | Unset = "default"
    memory: str | Unset = UNSET
    num_cpus: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        memory = self.memory

        num_cpus = self.num_cpus

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        name = d.pop("name", UNSET)

        memory = d.pop("memory", UNSET)

        num_cpus = d.pop("num_cpus", UNSET)

        local_scheduler_spec_model = cls(
            name=name,
            memory=memory,
            num_cpus=num_cpus,
        )

        local_scheduler_spec_model.additional_properties = d
        return local_scheduler_spec_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceRequirementsSpecModel")


@_attrs_define
class ResourceRequirementsSpecModel:
    """Named resource requirements in a workflow specification.

    Attributes:
        name (str): Name, unique in the workflow.
        num_cpus (int | Unset): CPU cores. Default: 1.
        num_gpus (int | Unset): GPUs. Default: 0.
        num_nodes (int | Unset): Compute nodes. Default: 1.
        memory (str | Unset): Memory with a 1024-based unit (`k`, `m`, `g`, `t`), for example `4g`. Default: '1m'.
        runtime (str | Unset): Maximum run time as an ISO-8601 duration, for example `PT30M`. Default: 'P0DT1M'.
    """

    name: str
    num_cpus: int | Unset = 1
    num_gpus: int | Unset = 0
    num_nodes: int | Unset = 1
    memory: str | Unset = "1m"
    runtime: str | Unset = "P0DT1M"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        num_cpus = self.num_cpus

        num_gpus = self.num_gpus

        num_nodes = self.num_nodes

        memory = self.memory

        runtime = self.runtime

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if num_cpus is not UNSET:
            field_dict["num_cpus"] = num_cpus
        if num_gpus is not UNSET:
            field_dict["num_gpus"] = num_gpus
        if num_nodes is not UNSET:
            field_dict["num_nodes"] = num_nodes
        if memory is not UNSET:
            field_dict["memory"] = memory
        if runtime is not UNSET:
            field_dict["runtime"] = runtime

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        num_cpus = d.pop("num_cpus", UNSET)

        num_gpus = d.pop("num_gpus", UNSET)

        num_nodes = d.pop("num_nodes", UNSET)

        memory = d.pop("memory", UNSET)

        runtime = d.pop("runtime", UNSET)

        resource_requirements_spec_model = cls(
            name=name,
            num_cpus=num_cpus,
            num_gpus=num_gpus,
            num_nodes=num_nodes,
            memory=memory,
            runtime=runtime,
        )

        resource_requirements_spec_model.additional_properties = d
        return resource_requirements_spec_model

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

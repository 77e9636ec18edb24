from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceRequirementsModel")


@_attrs_define
class ResourceRequirementsModel:
    """A named set of resources that a job needs. Runners claim a job only when its requirements fit their free resources.

    Attributes:
        workflow_id (int): Id of the workflow.
        name (str): Name of the requirements. Every workflow has one named `default`; other names need not be unique.
        id (int | Unset): Id of the record, assigned by the server.
        num_cpus (int | Unset): Number of CPUs a job needs. Default: 1.
        num_gpus (int | Unset): Number of GPUs a job needs. Default: 0.
        num_nodes (int | Unset): Number of nodes a job needs. Default: 1.
        memory (str | Unset): Memory a job needs: a number with a unit `k`, `m`, `g` or `t` (1024-based: `20g` is 20 ×
            1024^3 bytes), or a bare number of bytes. Default: '1m'.
        runtime (str | Unset): Longest time a job runs, as an ISO-8601 duration (for example `PT30M`, `PT2H`, `P0DT1M`).
            Runners claim a job only when this fits in the time left in their allocation. Default: 'P0DT1M'.
    """

    workflow_id: int
    name: str
    id: int | Unset = UNSET
    num_cpus: int | Unset = 1
    num_gpus: int | Unset = 0
    num_nodes: int | Unset = 1
    memory: str | Unset = "1m"
    runtime: str | Unset = "P0DT1M"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        id = self.id

        num_cpus = self.num_cpus

        num_gpus = self.num_gpus

        num_nodes = self.num_nodes

        memory = self.memory

        runtime = self.runtime

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
        workflow_id = d.pop("workflow_id")

        name = d.pop("name")

        id = d.pop("id", UNSET)

        num_cpus = d.pop("num_cpus", UNSET)

        num_gpus = d.pop("num_gpus", UNSET)

        num_nodes = d.pop("num_nodes", UNSET)

        memory = d.pop("memory", UNSET)

        runtime = d.pop("runtime", UNSET)

        resource_requirements_model = cls(
            workflow_id=workflow_id,
            name=name,
            id=id,
            num_cpus=num_cpus,
            num_gpus=num_gpus,
            num_nodes=num_nodes,
            memory=memory,
            runtime=runtime,
        )

        resource_requirements_model.additional_properties = d
        return resource_requirements_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComputeNodesResources")


@_attrs_define
class ComputeNodesResources:
    """The resources a job runner has free now, sent to `claim_jobs_based_on_resources`.

    Attributes:
        num_cpus (int): Number of free CPUs.
        memory_gb (float): Free memory, in GiB (1 GiB = 1024^3 bytes).
        num_gpus (int): Number of free GPUs.
        num_nodes (int): Number of nodes in the allocation.
        id (int | Unset): Id of the compute node (runner) making the claim, if known.
        time_limit (str | Unset): Time left in the allocation, as an ISO-8601 duration (for example `PT3H20M`); only
            jobs whose runtime fits are claimed. Left out, runtime is not limited.
        scheduler_config_id (int | Unset): Id of the scheduler configuration the runner belongs to; jobs assigned to it
            are claimed first.
    """

    num_cpus: int
    memory_gb: float
    num_gpus: int
    num_nodes: int
    id: int | Unset = UNSET
    time_limit: str | Unset = UNSET
    scheduler_config_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        num_cpus = self.num_cpus

        memory_gb = self.memory_gb

        num_gpus = self.num_gpus

        num_nodes = self.num_nodes

        id = self.id

        time_limit = self.time_limit

        scheduler_config_id = self.scheduler_config_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "num_cpus": num_cpus,
                "memory_gb": memory_gb,
                "num_gpus": num_gpus,
                "num_nodes": num_nodes,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if time_limit is not UNSET:
            field_dict["time_limit"] = time_limit
        if scheduler_config_id is not UNSET:
            field_dict["scheduler_config_id"] = scheduler_config_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        num_cpus = d.pop("num_cpus")

        memory_gb = d.pop("memory_gb")

        num_gpus = d.pop("num_gpus")

        num_nodes = d.pop("num_nodes")

        id = d.pop("id", UNSET)

        time_limit = d.pop("time_limit", UNSET)

        scheduler_config_id = d.pop("scheduler_config_id", UNSET)

        compute_nodes_resources = cls(
            num_cpus=num_cpus,
            memory_gb=memory_gb,
            num_gpus=num_gpus,
            num_nodes=num_nodes,
            id=id,
            time_limit=time_limit,
            scheduler_config_id=scheduler_config_id,
        )

        compute_nodes_resources.additional_properties = d
        return compute_nodes_resources

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

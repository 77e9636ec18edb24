from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GetReadyJobRequirementsResponse")


@_attrs_define
class GetReadyJobRequirementsResponse:
    """The resources needed by a workflow's ready jobs.

    Attributes:
        num_jobs (int): Number of ready jobs.
        num_cpus (int): Total number of CPUs the ready jobs need.
        num_gpus (int): Total number of GPUs the ready jobs need.
        memory_gb (float): Total memory the ready jobs need, in GiB.
        max_num_nodes (int): Largest number of nodes any ready job needs.
        max_runtime (str): Longest runtime of any ready job, as an ISO-8601 duration.
    """

    num_jobs: int
    num_cpus: int
    num_gpus: int
    memory_gb: float
    max_num_nodes: int
    max_runtime: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        num_jobs = self.num_jobs

        num_cpus = self.num_cpus

        num_gpus = self.num_gpus

        memory_gb = self.memory_gb

        max_num_nodes = self.max_num_nodes

        max_runtime = self.max_runtime

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "num_jobs": num_jobs,
                "num_cpus": num_cpus,
                "num_gpus": num_gpus,
                "memory_gb": memory_gb,
                "max_num_nodes": max_num_nodes,
                "max_runtime": max_runtime,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        num_jobs = d.pop("num_jobs")

        num_cpus = d.pop("num_cpus")

        num_gpus = d.pop("num_gpus")

        memory_gb = d.pop("memory_gb")

        max_num_nodes = d.pop("max_num_nodes")

        max_runtime = d.pop("max_runtime")

        get_ready_job_requirements_response = cls(
            num_jobs=num_jobs,
            num_cpus=num_cpus,
            num_gpus=num_gpus,
            memory_gb=memory_gb,
            max_num_nodes=max_num_nodes,
            max_runtime=max_runtime,
        )

        get_ready_job_requirements_response.additional_properties = d
        return get_ready_job_requirements_response

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

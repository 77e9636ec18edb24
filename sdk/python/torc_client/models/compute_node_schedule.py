from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComputeNodeSchedule")


@_attrs_define
class ComputeNodeSchedule:
    """Allocations to request for a job (see `job_model.schedule_compute_nodes`).

    Attributes:
        num_jobs (int): Number of allocations (scheduler jobs) to request.
        scheduler_id (int): Id of the scheduler configuration to request them from.
        max_parallel_jobs (int | Unset): Maximum number of jobs each runner in the allocations runs at once.
        start_one_worker_per_node (bool | Unset): Start one job runner on each node of a multi-node allocation. Default:
            False.
    """

    num_jobs: int
    scheduler_id: int
    max_parallel_jobs: int | Unset = UNSET
    start_one_worker_per_node: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        num_jobs = self.num_jobs

        scheduler_id = self.scheduler_id

        max_parallel_jobs = self.max_parallel_jobs

        start_one_worker_per_node = self.start_one_worker_per_node

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "num_jobs": num_jobs,
                "scheduler_id": scheduler_id,
            }
        )
        if max_parallel_jobs is not UNSET:
            field_dict["max_parallel_jobs"] = max_parallel_jobs
        if start_one_worker_per_node is not UNSET:
            field_dict["start_one_worker_per_node"] = start_one_worker_per_node

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        num_jobs = d.pop("num_jobs")

        scheduler_id = d.pop("scheduler_id")

        max_parallel_jobs = d.pop("max_parallel_jobs", UNSET)

        start_one_worker_per_node = d.pop("start_one_worker_per_node", UNSET)

        compute_node_schedule = cls(
            num_jobs=num_jobs,
            scheduler_id=scheduler_id,
            max_parallel_jobs=max_parallel_jobs,
            start_one_worker_per_node=start_one_worker_per_node,
        )

        compute_node_schedule.additional_properties = d
        return compute_node_schedule

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

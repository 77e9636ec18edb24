from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_sort_method import JobsSortMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compute_nodes_resources import ComputeNodesResources


T = TypeVar("T", bound="ClaimRequest")


@_attrs_define
class ClaimRequest:
    """New work a runner asks for while reporting completions: with `resources`, ready jobs that fit in them (as
    `claim_jobs_based_on_resources`); without, the next ready jobs in id order (as `claim_next_jobs`). The jobs are
    started on `compute_node_id` at once unless `start` is false.

        Attributes:
            compute_node_id (int): The runner's compute node; the claimed jobs start on it.
            limit (int): At most this many jobs.
            resources (ComputeNodesResources | Unset): The resources a job runner has free now, sent to
                `claim_jobs_based_on_resources`.
            per_job (ComputeNodesResources | Unset): The resources a job runner has free now, sent to
                `claim_jobs_based_on_resources`.
            sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources` considers ready jobs:
                `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
                `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
                `none` = no particular order.
            strict_scheduler_match (bool | Unset): As for `claim_jobs_based_on_resources`. Default: False.
            start (bool | Unset): Start the claimed jobs on `compute_node_id` at once (the default), or leave them
                `pending`, claimed by this runner, to be reported in `started` when it starts them. Default: True.
    """

    compute_node_id: int
    limit: int
    resources: ComputeNodesResources | Unset = UNSET
    per_job: ComputeNodesResources | Unset = UNSET
    sort_method: JobsSortMethod | Unset = UNSET
    strict_scheduler_match: bool | Unset = False
    start: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compute_node_id = self.compute_node_id

        limit = self.limit

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        per_job: dict[str, Any] | Unset = UNSET
        if not isinstance(self.per_job, Unset):
            per_job = self.per_job.to_dict()

        sort_method: str | Unset = UNSET
        if not isinstance(self.sort_method, Unset):
            sort_method = self.sort_method.value

        strict_scheduler_match = self.strict_scheduler_match

        start = self.start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compute_node_id": compute_node_id,
                "limit": limit,
            }
        )
        if resources is not UNSET:
            field_dict["resources"] = resources
        if per_job is not UNSET:
            field_dict["per_job"] = per_job
        if sort_method is not UNSET:
            field_dict["sort_method"] = sort_method
        if strict_scheduler_match is not UNSET:
            field_dict["strict_scheduler_match"] = strict_scheduler_match
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compute_nodes_resources import ComputeNodesResources

        d = dict(src_dict)
        compute_node_id = d.pop("compute_node_id")

        limit = d.pop("limit")

        _resources = d.pop("resources", UNSET)
        resources: ComputeNodesResources | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = ComputeNodesResources.from_dict(_resources)

        _per_job = d.pop("per_job", UNSET)
        per_job: ComputeNodesResources | Unset
        if isinstance(_per_job, Unset):
            per_job = UNSET
        else:
            per_job = ComputeNodesResources.from_dict(_per_job)

        _sort_method = d.pop("sort_method", UNSET)
        sort_method: JobsSortMethod | Unset
        if isinstance(_sort_method, Unset):
            sort_method = UNSET
        else:
            sort_method = JobsSortMethod(_sort_method)

        strict_scheduler_match = d.pop("strict_scheduler_match", UNSET)

        start = d.pop("start", UNSET)

        claim_request = cls(
            compute_node_id=compute_node_id,
            limit=limit,
            resources=resources,
            per_job=per_job,
            sort_method=sort_method,
            strict_scheduler_match=strict_scheduler_match,
            start=start,
        )

        claim_request.additional_properties = d
        return claim_request

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

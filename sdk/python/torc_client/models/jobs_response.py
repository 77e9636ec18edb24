from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_model import JobModel


T = TypeVar("T", bound="JobsResponse")


@_attrs_define
class JobsResponse:
    """Jobs answered by a batched lifecycle operation, in the order of the request.

    Attributes:
        jobs (list[JobModel]): The jobs after the change.
        claimed (list[JobModel] | Unset): `complete_jobs` with `claim`: the jobs claimed and started for the runner
            (empty when nothing was ready, or the workflow is canceled).
    """

    jobs: list[JobModel]
    claimed: list[JobModel] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        claimed: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.claimed, Unset):
            claimed = []
            for claimed_item_data in self.claimed:
                claimed_item = claimed_item_data.to_dict()
                claimed.append(claimed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobs": jobs,
            }
        )
        if claimed is not UNSET:
            field_dict["claimed"] = claimed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_model import JobModel

        d = dict(src_dict)
        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = JobModel.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        _claimed = d.pop("claimed", UNSET)
        claimed: list[JobModel] | Unset = UNSET
        if _claimed is not UNSET:
            claimed = []
            for claimed_item_data in _claimed:
                claimed_item = JobModel.from_dict(claimed_item_data)

                claimed.append(claimed_item)

        jobs_response = cls(
            jobs=jobs,
            claimed=claimed,
        )

        jobs_response.additional_properties = d
        return jobs_response

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

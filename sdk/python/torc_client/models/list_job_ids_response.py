from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ListJobIdsResponse")


@_attrs_define
class ListJobIdsResponse:
    """The ids of a workflow's jobs.

    Attributes:
        job_ids (list[int]): Ids of all jobs of the workflow, ascending.
        count (int): Number of ids in `job_ids`.
    """

    job_ids: list[int]
    count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_ids = self.job_ids

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_ids": job_ids,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_ids = cast(list[int], d.pop("job_ids"))

        count = d.pop("count")

        list_job_ids_response = cls(
            job_ids=job_ids,
            count=count,
        )

        list_job_ids_response.additional_properties = d
        return list_job_ids_response

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

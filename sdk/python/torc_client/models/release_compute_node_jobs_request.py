from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReleaseComputeNodeJobsRequest")


@_attrs_define
class ReleaseComputeNodeJobsRequest:
    """The body of `release_compute_node_jobs`.

    Attributes:
        compute_node_ids (list[int]): Compute nodes of the workflow whose runners are gone.
    """

    compute_node_ids: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compute_node_ids = self.compute_node_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compute_node_ids": compute_node_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        compute_node_ids = cast(list[int], d.pop("compute_node_ids"))

        release_compute_node_jobs_request = cls(
            compute_node_ids=compute_node_ids,
        )

        release_compute_node_jobs_request.additional_properties = d
        return release_compute_node_jobs_request

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

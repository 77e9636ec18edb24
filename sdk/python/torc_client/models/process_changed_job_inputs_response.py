from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProcessChangedJobInputsResponse")


@_attrs_define
class ProcessChangedJobInputsResponse:
    """The jobs whose inputs changed since the last initialization.

    Attributes:
        reinitialized_jobs (list[str] | Unset): Names of the jobs whose inputs changed (set back to `uninitialized`
            unless it was a dry run).
    """

    reinitialized_jobs: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reinitialized_jobs: list[str] | Unset = UNSET
        if not isinstance(self.reinitialized_jobs, Unset):
            reinitialized_jobs = self.reinitialized_jobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reinitialized_jobs is not UNSET:
            field_dict["reinitialized_jobs"] = reinitialized_jobs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reinitialized_jobs = cast(list[str], d.pop("reinitialized_jobs", UNSET))

        process_changed_job_inputs_response = cls(
            reinitialized_jobs=reinitialized_jobs,
        )

        process_changed_job_inputs_response.additional_properties = d
        return process_changed_job_inputs_response

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JobDependencyModel")


@_attrs_define
class JobDependencyModel:
    """One dependency edge between two jobs of a workflow.

    Attributes:
        job_id (int): Id of the job that waits.
        job_name (str): Name of the job that waits.
        depends_on_job_id (int): Id of the job it waits for.
        depends_on_job_name (str): Name of the job it waits for.
        workflow_id (int): Id of the workflow.
    """

    job_id: int
    job_name: str
    depends_on_job_id: int
    depends_on_job_name: str
    workflow_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        job_name = self.job_name

        depends_on_job_id = self.depends_on_job_id

        depends_on_job_name = self.depends_on_job_name

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "job_name": job_name,
                "depends_on_job_id": depends_on_job_id,
                "depends_on_job_name": depends_on_job_name,
                "workflow_id": workflow_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_id = d.pop("job_id")

        job_name = d.pop("job_name")

        depends_on_job_id = d.pop("depends_on_job_id")

        depends_on_job_name = d.pop("depends_on_job_name")

        workflow_id = d.pop("workflow_id")

        job_dependency_model = cls(
            job_id=job_id,
            job_name=job_name,
            depends_on_job_id=depends_on_job_id,
            depends_on_job_name=depends_on_job_name,
            workflow_id=workflow_id,
        )

        job_dependency_model.additional_properties = d
        return job_dependency_model

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

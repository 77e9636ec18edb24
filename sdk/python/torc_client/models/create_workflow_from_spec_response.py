from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_model import WorkflowModel


T = TypeVar("T", bound="CreateWorkflowFromSpecResponse")


@_attrs_define
class CreateWorkflowFromSpecResponse:
    """The records created from a specification; id lists follow the specification's order.

    Attributes:
        workflow (WorkflowModel): A workflow: a named set of jobs with their files, user data, resource requirements and
            schedulers, plus the settings that job runners follow while running it.
        job_ids (list[int]): Ids of the jobs.
        file_ids (list[int] | Unset): Ids of the files.
        user_data_ids (list[int] | Unset): Ids of the user data records.
        resource_requirements_ids (list[int] | Unset): Ids of the resource requirements.
        slurm_scheduler_ids (list[int] | Unset): Ids of the Slurm schedulers.
        local_scheduler_ids (list[int] | Unset): Ids of the local schedulers.
        failure_handler_ids (list[int] | Unset): Ids of the failure handlers.
        action_ids (list[int] | Unset): Ids of the actions.
    """

    workflow: WorkflowModel
    job_ids: list[int]
    file_ids: list[int] | Unset = UNSET
    user_data_ids: list[int] | Unset = UNSET
    resource_requirements_ids: list[int] | Unset = UNSET
    slurm_scheduler_ids: list[int] | Unset = UNSET
    local_scheduler_ids: list[int] | Unset = UNSET
    failure_handler_ids: list[int] | Unset = UNSET
    action_ids: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow = self.workflow.to_dict()

        job_ids = self.job_ids

        file_ids: list[int] | Unset = UNSET
        if not isinstance(self.file_ids, Unset):
            file_ids = self.file_ids

        user_data_ids: list[int] | Unset = UNSET
        if not isinstance(self.user_data_ids, Unset):
            user_data_ids = self.user_data_ids

        resource_requirements_ids: list[int] | Unset = UNSET
        if not isinstance(self.resource_requirements_ids, Unset):
            resource_requirements_ids = self.resource_requirements_ids

        slurm_scheduler_ids: list[int] | Unset = UNSET
        if not isinstance(self.slurm_scheduler_ids, Unset):
            slurm_scheduler_ids = self.slurm_scheduler_ids

        local_scheduler_ids: list[int] | Unset = UNSET
        if not isinstance(self.local_scheduler_ids, Unset):
            local_scheduler_ids = self.local_scheduler_ids

        failure_handler_ids: list[int] | Unset = UNSET
        if not isinstance(self.failure_handler_ids, Unset):
            failure_handler_ids = self.failure_handler_ids

        action_ids: list[int] | Unset = UNSET
        if not isinstance(self.action_ids, Unset):
            action_ids = self.action_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow": workflow,
                "job_ids": job_ids,
            }
        )
        if file_ids is not UNSET:
            field_dict["file_ids"] = file_ids
        if user_data_ids is not UNSET:
            field_dict["user_data_ids"] = user_data_ids
        if resource_requirements_ids is not UNSET:
            field_dict["resource_requirements_ids"] = resource_requirements_ids
        if slurm_scheduler_ids is not UNSET:
            field_dict["slurm_scheduler_ids"] = slurm_scheduler_ids
        if local_scheduler_ids is not UNSET:
            field_dict["local_scheduler_ids"] = local_scheduler_ids
        if failure_handler_ids is not UNSET:
            field_dict["failure_handler_ids"] = failure_handler_ids
        if action_ids is not UNSET:
            field_dict["action_ids"] = action_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_model import WorkflowModel

        d = dict(src_dict)
        workflow = WorkflowModel.from_dict(d.pop("workflow"))

        job_ids = cast(list[int], d.pop("job_ids"))

        file_ids = cast(list[int], d.pop("file_ids", UNSET))

        user_data_ids = cast(list[int], d.pop("user_data_ids", UNSET))

        resource_requirements_ids = cast(
            list[int], d.pop("resource_requirements_ids", UNSET)
        )

        slurm_scheduler_ids = cast(list[int], d.pop("slurm_scheduler_ids", UNSET))

        local_scheduler_ids = cast(list[int], d.pop("local_scheduler_ids", UNSET))

        failure_handler_ids = cast(list[int], d.pop("failure_handler_ids", UNSET))

        action_ids = cast(list[int], d.pop("action_ids", UNSET))

        create_workflow_from_spec_response = cls(
            workflow=workflow,
            job_ids=job_ids,
            file_ids=file_ids,
            user_data_ids=user_data_ids,
            resource_requirements_ids=resource_requirements_ids,
            slurm_scheduler_ids=slurm_scheduler_ids,
            local_scheduler_ids=local_scheduler_ids,
            failure_handler_ids=failure_handler_ids,
            action_ids=action_ids,
        )

        create_workflow_from_spec_response.additional_properties = d
        return create_workflow_from_spec_response

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

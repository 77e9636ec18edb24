from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_sort_method import JobsSortMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.failure_handler_spec_model import FailureHandlerSpecModel
    from ..models.file_spec_model import FileSpecModel
    from ..models.job_spec_model import JobSpecModel
    from ..models.local_scheduler_spec_model import LocalSchedulerSpecModel
    from ..models.resource_requirements_spec_model import ResourceRequirementsSpecModel
    from ..models.slurm_scheduler_spec_model import SlurmSchedulerSpecModel
    from ..models.user_data_spec_model import UserDataSpecModel
    from ..models.workflow_action_spec_model import WorkflowActionSpecModel


T = TypeVar("T", bound="WorkflowSpecModel")


@_attrs_define
class WorkflowSpecModel:
    """A whole workflow as one document, after the client has expanded parameters: the workflow's settings and its records,
    which refer to each other by name.

        Attributes:
            name (str): Name of the workflow.
            user (str): User who owns the workflow.
            jobs (list[JobSpecModel]): The jobs; names must be unique.
            description (str | Unset): What the workflow does.
            project (str | Unset): Project the workflow belongs to.
            metadata (str | Unset): Free-form metadata, as a string holding encoded JSON.
            compute_node_expiration_buffer_seconds (int | Unset): As in `workflow_model`.
            compute_node_wait_for_new_jobs_seconds (int | Unset): As in `workflow_model`.
            compute_node_ignore_workflow_completion (bool | Unset): As in `workflow_model`.
            compute_node_wait_for_healthy_database_minutes (int | Unset): As in `workflow_model`.
            compute_node_min_time_for_new_jobs_seconds (int | Unset): As in `workflow_model`.
            jobs_sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources` considers ready jobs:
                `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
                `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
                `none` = no particular order.
            use_pending_failed (bool | Unset): As in `workflow_model`.
            resource_monitor_config (str | Unset): Resource monitoring settings as encoded JSON (`enabled`, `granularity`,
                `sample_interval_seconds`, `generate_plots`).
            slurm_defaults (str | Unset): Default Slurm options for every allocation, as encoded JSON.
            execution_config (str | Unset): How job runners of this workflow start, as encoded JSON (`staggered_start`); see
                `workflow_model`.
            files (list[FileSpecModel] | Unset): The files jobs read and write; names must be unique.
            user_data (list[UserDataSpecModel] | Unset): The user data records; names must be unique.
            resource_requirements (list[ResourceRequirementsSpecModel] | Unset): Named resource requirements. A record named
                `default` replaces the values of the workflow's automatic `default` requirements.
            slurm_schedulers (list[SlurmSchedulerSpecModel] | Unset): Slurm allocation settings that jobs and actions refer
                to by name.
            local_schedulers (list[LocalSchedulerSpecModel] | Unset): Local scheduler settings.
            failure_handlers (list[FailureHandlerSpecModel] | Unset): Failure handlers that jobs refer to by name.
            actions (list[WorkflowActionSpecModel] | Unset): Workflow actions.
    """

    name: str
    user: str
    jobs: list[JobSpecModel]
    description: str | Unset = UNSET
    project: str | Unset = UNSET
    metadata: str | Unset = UNSET
    compute_node_expiration_buffer_seconds: int | Unset = UNSET
    compute_node_wait_for_new_jobs_seconds: int | Unset = UNSET
    compute_node_ignore_workflow_completion: bool | Unset = UNSET
    compute_node_wait_for_healthy_database_minutes: int | Unset = UNSET
    compute_node_min_time_for_new_jobs_seconds: int | Unset = UNSET
    jobs_sort_method: JobsSortMethod | Unset = UNSET
    use_pending_failed: bool | Unset = UNSET
    resource_monitor_config: str | Unset = UNSET
    slurm_defaults: str | Unset = UNSET
    execution_config: str | Unset = UNSET
    files: list[FileSpecModel] | Unset = UNSET
    user_data: list[UserDataSpecModel] | Unset = UNSET
    resource_requirements: list[ResourceRequirementsSpecModel] | Unset = UNSET
    slurm_schedulers: list[SlurmSchedulerSpecModel] | Unset = UNSET
    local_schedulers: list[LocalSchedulerSpecModel] | Unset = UNSET
    failure_handlers: list[FailureHandlerSpecModel] | Unset = UNSET
    actions: list[WorkflowActionSpecModel] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        user = self.user

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        description = self.description

        project = self.project

        metadata = self.metadata

        compute_node_expiration_buffer_seconds = (
            self.compute_node_expiration_buffer_seconds
        )

        compute_node_wait_for_new_jobs_seconds = (
            self.compute_node_wait_for_new_jobs_seconds
        )

        compute_node_ignore_workflow_completion = (
            self.compute_node_ignore_workflow_completion
        )

        compute_node_wait_for_healthy_database_minutes = (
            self.compute_node_wait_for_healthy_database_minutes
        )

        compute_node_min_time_for_new_jobs_seconds = (
            self.compute_node_min_time_for_new_jobs_seconds
        )

        jobs_sort_method: str | Unset = UNSET
        if not isinstance(self.jobs_sort_method, Unset):
            jobs_sort_method = self.jobs_sort_method.value

        use_pending_failed = self.use_pending_failed

        resource_monitor_config = self.resource_monitor_config

        slurm_defaults = self.slurm_defaults

        execution_config = self.execution_config

        files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        user_data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.user_data, Unset):
            user_data = []
            for user_data_item_data in self.user_data:
                user_data_item = user_data_item_data.to_dict()
                user_data.append(user_data_item)

        resource_requirements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.resource_requirements, Unset):
            resource_requirements = []
            for resource_requirements_item_data in self.resource_requirements:
                resource_requirements_item = resource_requirements_item_data.to_dict()
                resource_requirements.append(resource_requirements_item)

        slurm_schedulers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.slurm_schedulers, Unset):
            slurm_schedulers = []
            for slurm_schedulers_item_data in self.slurm_schedulers:
                slurm_schedulers_item = slurm_schedulers_item_data.to_dict()
                slurm_schedulers.append(slurm_schedulers_item)

        local_schedulers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.local_schedulers, Unset):
            local_schedulers = []
            for local_schedulers_item_data in self.local_schedulers:
                local_schedulers_item = local_schedulers_item_data.to_dict()
                local_schedulers.append(local_schedulers_item)

        failure_handlers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failure_handlers, Unset):
            failure_handlers = []
            for failure_handlers_item_data in self.failure_handlers:
                failure_handlers_item = failure_handlers_item_data.to_dict()
                failure_handlers.append(failure_handlers_item)

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item = actions_item_data.to_dict()
                actions.append(actions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "user": user,
                "jobs": jobs,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if project is not UNSET:
            field_dict["project"] = project
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if compute_node_expiration_buffer_seconds is not UNSET:
            field_dict["compute_node_expiration_buffer_seconds"] = (
                compute_node_expiration_buffer_seconds
            )
        if compute_node_wait_for_new_jobs_seconds is not UNSET:
            field_dict["compute_node_wait_for_new_jobs_seconds"] = (
                compute_node_wait_for_new_jobs_seconds
            )
        if compute_node_ignore_workflow_completion is not UNSET:
            field_dict["compute_node_ignore_workflow_completion"] = (
                compute_node_ignore_workflow_completion
            )
        if compute_node_wait_for_healthy_database_minutes is not UNSET:
            field_dict["compute_node_wait_for_healthy_database_minutes"] = (
                compute_node_wait_for_healthy_database_minutes
            )
        if compute_node_min_time_for_new_jobs_seconds is not UNSET:
            field_dict["compute_node_min_time_for_new_jobs_seconds"] = (
                compute_node_min_time_for_new_jobs_seconds
            )
        if jobs_sort_method is not UNSET:
            field_dict["jobs_sort_method"] = jobs_sort_method
        if use_pending_failed is not UNSET:
            field_dict["use_pending_failed"] = use_pending_failed
        if resource_monitor_config is not UNSET:
            field_dict["resource_monitor_config"] = resource_monitor_config
        if slurm_defaults is not UNSET:
            field_dict["slurm_defaults"] = slurm_defaults
        if execution_config is not UNSET:
            field_dict["execution_config"] = execution_config
        if files is not UNSET:
            field_dict["files"] = files
        if user_data is not UNSET:
            field_dict["user_data"] = user_data
        if resource_requirements is not UNSET:
            field_dict["resource_requirements"] = resource_requirements
        if slurm_schedulers is not UNSET:
            field_dict["slurm_schedulers"] = slurm_schedulers
        if local_schedulers is not UNSET:
            field_dict["local_schedulers"] = local_schedulers
        if failure_handlers is not UNSET:
            field_dict["failure_handlers"] = failure_handlers
        if actions is not UNSET:
            field_dict["actions"] = actions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.failure_handler_spec_model import FailureHandlerSpecModel
        from ..models.file_spec_model import FileSpecModel
        from ..models.job_spec_model import JobSpecModel
        from ..models.local_scheduler_spec_model import LocalSchedulerSpecModel
        from ..models.resource_requirements_spec_model import (
            ResourceRequirementsSpecModel,
        )
        from ..models.slurm_scheduler_spec_model import SlurmSchedulerSpecModel
        from ..models.user_data_spec_model import UserDataSpecModel
        from ..models.workflow_action_spec_model import WorkflowActionSpecModel

        d = dict(src_dict)
        name = d.pop("name")

        user = d.pop("user")

        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = JobSpecModel.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        description = d.pop("description", UNSET)

        project = d.pop("project", UNSET)

        metadata = d.pop("metadata", UNSET)

        compute_node_expiration_buffer_seconds = d.pop(
            "compute_node_expiration_buffer_seconds", UNSET
        )

        compute_node_wait_for_new_jobs_seconds = d.pop(
            "compute_node_wait_for_new_jobs_seconds", UNSET
        )

        compute_node_ignore_workflow_completion = d.pop(
            "compute_node_ignore_workflow_completion", UNSET
        )

        compute_node_wait_for_healthy_database_minutes = d.pop(
            "compute_node_wait_for_healthy_database_minutes", UNSET
        )

        compute_node_min_time_for_new_jobs_seconds = d.pop(
            "compute_node_min_time_for_new_jobs_seconds", UNSET
        )

        _jobs_sort_method = d.pop("jobs_sort_method", UNSET)
        jobs_sort_method: JobsSortMethod | Unset
        if isinstance(_jobs_sort_method, Unset):
            jobs_sort_method = UNSET
        else:
            jobs_sort_method = JobsSortMethod(_jobs_sort_method)

        use_pending_failed = d.pop("use_pending_failed", UNSET)

        resource_monitor_config = d.pop("resource_monitor_config", UNSET)

        slurm_defaults = d.pop("slurm_defaults", UNSET)

        execution_config = d.pop("execution_config", UNSET)

        _files = d.pop("files", UNSET)
        files: list[FileSpecModel] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = FileSpecModel.from_dict(files_item_data)

                files.append(files_item)

        _user_data = d.pop("user_data", UNSET)
        user_data: list[UserDataSpecModel] | Unset = UNSET
        if _user_data is not UNSET:
            user_data = []
            for user_data_item_data in _user_data:
                user_data_item = UserDataSpecModel.from_dict(user_data_item_data)

                user_data.append(user_data_item)

        _resource_requirements = d.pop("resource_requirements", UNSET)
        resource_requirements: list[ResourceRequirementsSpecModel] | Unset = UNSET
        if _resource_requirements is not UNSET:
            resource_requirements = []
            for resource_requirements_item_data in _resource_requirements:
                resource_requirements_item = ResourceRequirementsSpecModel.from_dict(
                    resource_requirements_item_data
                )

                resource_requirements.append(resource_requirements_item)

        _slurm_schedulers = d.pop("slurm_schedulers", UNSET)
        slurm_schedulers: list[SlurmSchedulerSpecModel] | Unset = UNSET
        if _slurm_schedulers is not UNSET:
            slurm_schedulers = []
            for slurm_schedulers_item_data in _slurm_schedulers:
                slurm_schedulers_item = SlurmSchedulerSpecModel.from_dict(
                    slurm_schedulers_item_data
                )

                slurm_schedulers.append(slurm_schedulers_item)

        _local_schedulers = d.pop("local_schedulers", UNSET)
        local_schedulers: list[LocalSchedulerSpecModel] | Unset = UNSET
        if _local_schedulers is not UNSET:
            local_schedulers = []
            for local_schedulers_item_data in _local_schedulers:
                local_schedulers_item = LocalSchedulerSpecModel.from_dict(
                    local_schedulers_item_data
                )

                local_schedulers.append(local_schedulers_item)

        _failure_handlers = d.pop("failure_handlers", UNSET)
        failure_handlers: list[FailureHandlerSpecModel] | Unset = UNSET
        if _failure_handlers is not UNSET:
            failure_handlers = []
            for failure_handlers_item_data in _failure_handlers:
                failure_handlers_item = FailureHandlerSpecModel.from_dict(
                    failure_handlers_item_data
                )

                failure_handlers.append(failure_handlers_item)

        _actions = d.pop("actions", UNSET)
        actions: list[WorkflowActionSpecModel] | Unset = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:
                actions_item = WorkflowActionSpecModel.from_dict(actions_item_data)

                actions.append(actions_item)

        workflow_spec_model = cls(
            name=name,
            user=user,
            jobs=jobs,
            description=description,
            project=project,
            metadata=metadata,
            compute_node_expiration_buffer_seconds=compute_node_expiration_buffer_seconds,
            compute_node_wait_for_new_jobs_seconds=compute_node_wait_for_new_jobs_seconds,
            compute_node_ignore_workflow_completion=compute_node_ignore_workflow_completion,
            compute_node_wait_for_healthy_database_minutes=compute_node_wait_for_healthy_database_minutes,
            compute_node_min_time_for_new_jobs_seconds=compute_node_min_time_for_new_jobs_seconds,
            jobs_sort_method=jobs_sort_method,
            use_pending_failed=use_pending_failed,
            resource_monitor_config=resource_monitor_config,
            slurm_defaults=slurm_defaults,
            execution_config=execution_config,
            files=files,
            user_data=user_data,
            resource_requirements=resource_requirements,
            slurm_schedulers=slurm_schedulers,
            local_schedulers=local_schedulers,
            failure_handlers=failure_handlers,
            actions=actions,
        )

        workflow_spec_model.additional_properties = d
        return workflow_spec_model

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

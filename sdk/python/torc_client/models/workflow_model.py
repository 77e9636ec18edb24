from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_sort_method import JobsSortMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkflowModel")


@_attrs_define
class WorkflowModel:
    """A workflow: a named set of jobs with their files, user data, resource requirements and schedulers, plus the settings
    that job runners follow while running it.

        Attributes:
            name (str): Name of the workflow. Need not be unique.
            user (str): User who owns the workflow.
            id (int | Unset): Id of the workflow, assigned by the server.
            description (str | Unset): Free-text description of the workflow.
            timestamp (str | Unset): When the workflow was created, set by the server (UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`).
            project (str | Unset): Project the workflow belongs to, stored as a JSON-encoded string; the server does not
                interpret it.
            metadata (str | Unset): User metadata, stored as a JSON-encoded string (for example `"{\\"owner\\":
                \\"team-a\\"}"`); the server does not interpret it.
            compute_node_expiration_buffer_seconds (int | Unset): Job runners stop this many seconds before their allocation
                ends: they terminate their running jobs (SIGTERM to jobs that support termination, SIGKILL to the others) and
                report them as `terminated`. Raise it when jobs need more time to shut down cleanly. Default: 180.
            compute_node_wait_for_new_jobs_seconds (int | Unset): A job runner with nothing running and nothing to claim
                exits after waiting this many seconds for new jobs to become ready (unless the workflow is complete). Default:
                90.
            compute_node_ignore_workflow_completion (bool | Unset): Job runners keep running (and holding their allocation)
                after the workflow is complete, for example to debug failed jobs or to run jobs added later. Default: False.
            compute_node_wait_for_healthy_database_minutes (int | Unset): When the server becomes unreachable, job runners
                keep retrying for this many minutes before giving up. Default: 20.
            compute_node_min_time_for_new_jobs_seconds (int | Unset): A job runner with a maximum number of parallel jobs
                claims no new jobs when less than this many seconds remain in its allocation. Default: 300.
            jobs_sort_method (JobsSortMethod | Unset): Order in which `claim_jobs_based_on_resources` considers ready jobs:
                `gpus_runtime_memory` = most GPUs first, then longest runtime, then most memory;
                `gpus_memory_runtime` = most GPUs first, then most memory, then longest runtime;
                `none` = no particular order.
            resource_monitor_config (str | Unset): Resource monitoring settings for job runners, as a JSON-encoded string of
                `{enabled, granularity ("summary" or "time_series"), sample_interval_seconds, generate_plots}`. Job runners
                record each job's CPU and memory use accordingly.
            slurm_defaults (str | Unset): Slurm options applied to every allocation of this workflow, as a JSON-encoded
                string of an object mapping sbatch option names to values (for example `{"qos": "high"}`). Options that each
                scheduler sets (partition, nodes, walltime, time, mem, gres, name, job-name) are not allowed here; a scheduler's
                own values take precedence.
            execution_config (str | Unset): How job runners of this workflow start, as a JSON-encoded string of an object.
                Its field `staggered_start` (boolean, default true) spreads the first requests of Slurm runners that start
                together over a window that grows with their number; false starts every runner at once. Absent: the defaults.
            use_pending_failed (bool | Unset): When a job fails and no failure-handler rule matches its return code, set it
                to `pending_failed` instead of `failed`, so that it holds its dependents until someone decides to retry it or
                fail it. Default: False.
            status_id (int | Unset): Id of the workflow's status record, assigned by the server; equal to `id`.
    """

    name: str
    user: str
    id: int | Unset = UNSET
    description: str | Unset = UNSET
    timestamp: str | Unset = UNSET
    project: str | Unset = UNSET
    metadata: str | Unset = UNSET
    compute_node_expiration_buffer_seconds: int | Unset = 180
    compute_node_wait_for_new_jobs_seconds: int | Unset = 90
    compute_node_ignore_workflow_completion: bool | Unset = False
    compute_node_wait_for_healthy_database_minutes: int | Unset = 20
    compute_node_min_time_for_new_jobs_seconds: int | Unset = 300
    jobs_sort_method: JobsSortMethod | Unset = UNSET
    resource_monitor_config: str | Unset = UNSET
    slurm_defaults: str | Unset = UNSET
    execution_config: str | Unset = UNSET
    use_pending_failed: bool | Unset = False
    status_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        user = self.user

        id = self.id

        description = self.description

        timestamp = self.timestamp

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

        resource_monitor_config = self.resource_monitor_config

        slurm_defaults = self.slurm_defaults

        execution_config = self.execution_config

        use_pending_failed = self.use_pending_failed

        status_id = self.status_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "user": user,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if description is not UNSET:
            field_dict["description"] = description
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
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
        if resource_monitor_config is not UNSET:
            field_dict["resource_monitor_config"] = resource_monitor_config
        if slurm_defaults is not UNSET:
            field_dict["slurm_defaults"] = slurm_defaults
        if execution_config is not UNSET:
            field_dict["execution_config"] = execution_config
        if use_pending_failed is not UNSET:
            field_dict["use_pending_failed"] = use_pending_failed
        if status_id is not UNSET:
            field_dict["status_id"] = status_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        user = d.pop("user")

        id = d.pop("id", UNSET)

        description = d.pop("description", UNSET)

        timestamp = d.pop("timestamp", UNSET)

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

        resource_monitor_config = d.pop("resource_monitor_config", UNSET)

        slurm_defaults = d.pop("slurm_defaults", UNSET)

        execution_config = d.pop("execution_config", UNSET)

        use_pending_failed = d.pop("use_pending_failed", UNSET)

        status_id = d.pop("status_id", UNSET)

        workflow_model = cls(
            name=name,
            user=user,
            id=id,
            description=description,
            timestamp=timestamp,
            project=project,
            metadata=metadata,
            compute_node_expiration_buffer_seconds=compute_node_expiration_buffer_seconds,
            compute_node_wait_for_new_jobs_seconds=compute_node_wait_for_new_jobs_seconds,
            compute_node_ignore_workflow_completion=compute_node_ignore_workflow_completion,
            compute_node_wait_for_healthy_database_minutes=compute_node_wait_for_healthy_database_minutes,
            compute_node_min_time_for_new_jobs_seconds=compute_node_min_time_for_new_jobs_seconds,
            jobs_sort_method=jobs_sort_method,
            resource_monitor_config=resource_monitor_config,
            slurm_defaults=slurm_defaults,
            execution_config=execution_config,
            use_pending_failed=use_pending_failed,
            status_id=status_id,
        )

        workflow_model.additional_properties = d
        return workflow_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobSpecModel")


@_attrs_define
class JobSpecModel:
    """A job in a workflow specification; other records are named, not numbered.

    Attributes:
        name (str): Name of the job, unique in the workflow.
        command (str): The command, run with `bash -c`.
        invocation_script (str | Unset): A prefix put in front of the command (for example a wrapper script).
        cancel_on_blocking_job_failure (bool | Unset): Cancel the job when a job it depends on fails. Default: True.
        supports_termination (bool | Unset): The job handles SIGTERM (for example to checkpoint) and is terminated
            gracefully. Default: False.
        resource_requirements (str | Unset): Name of the job's resource requirements; left out, the workflow's
            `default`.
        scheduler (str | Unset): Name of the Slurm scheduler whose allocations may run the job.
        failure_handler (str | Unset): Name of the failure handler applied when the job fails.
        depends_on (list[str] | Unset): Names of jobs that must finish before this one starts.
        input_files (list[str] | Unset): Names of files the job reads.
        output_files (list[str] | Unset): Names of files the job writes.
        input_user_data (list[str] | Unset): Names of user data records the job reads.
        output_user_data (list[str] | Unset): Names of user data records the job writes.
    """

    name: str
    command: str
    invocation_script: str | Unset = UNSET
    cancel_on_blocking_job_failure: bool | Unset = True
    supports_termination: bool | Unset = False
    resource_requirements: str | Unset = UNSET
    scheduler: str | Unset = UNSET
    failure_handler: str | Unset = UNSET
    depends_on: list[str] | Unset = UNSET
    input_files: list[str] | Unset = UNSET
    output_files: list[str] | Unset = UNSET
    input_user_data: list[str] | Unset = UNSET
    output_user_data: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        command = self.command

        invocation_script = self.invocation_script

        cancel_on_blocking_job_failure = self.cancel_on_blocking_job_failure

        supports_termination = self.supports_termination

        resource_requirements = self.resource_requirements

        scheduler = self.scheduler

        failure_handler = self.failure_handler

        depends_on: list[str] | Unset = UNSET
        if not isinstance(self.depends_on, Unset):
            depends_on = self.depends_on

        input_files: list[str] | Unset = UNSET
        if not isinstance(self.input_files, Unset):
            input_files = self.input_files

        output_files: list[str] | Unset = UNSET
        if not isinstance(self.output_files, Unset):
            output_files = self.output_files

        input_user_data: list[str] | Unset = UNSET
        if not isinstance(self.input_user_data, Unset):
            input_user_data = self.input_user_data

        output_user_data: list[str] | Unset = UNSET
        if not isinstance(self.output_user_data, Unset):
            output_user_data = self.output_user_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "command": command,
            }
        )
        if invocation_script is not UNSET:
            field_dict["invocation_script"] = invocation_script
        if cancel_on_blocking_job_failure is not UNSET:
            field_dict["cancel_on_blocking_job_failure"] = (
                cancel_on_blocking_job_failure
            )
        if supports_termination is not UNSET:
            field_dict["supports_termination"] = supports_termination
        if resource_requirements is not UNSET:
            field_dict["resource_requirements"] = resource_requirements
        if scheduler is not UNSET:
            field_dict["scheduler"] = scheduler
        if failure_handler is not UNSET:
            field_dict["failure_handler"] = failure_handler
        if depends_on is not UNSET:
            field_dict["depends_on"] = depends_on
        if input_files is not UNSET:
            field_dict["input_files"] = input_files
        if output_files is not UNSET:
            field_dict["output_files"] = output_files
        if input_user_data is not UNSET:
            field_dict["input_user_data"] = input_user_data
        if output_user_data is not UNSET:
            field_dict["output_user_data"] = output_user_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        command = d.pop("command")

        invocation_script = d.pop("invocation_script", UNSET)

        cancel_on_blocking_job_failure = d.pop("cancel_on_blocking_job_failure", UNSET)

        supports_termination = d.pop("supports_termination", UNSET)

        resource_requirements = d.pop("resource_requirements", UNSET)

        scheduler = d.pop("scheduler", UNSET)

        failure_handler = d.pop("failure_handler", UNSET)

        depends_on = cast(list[str], d.pop("depends_on", UNSET))

        input_files = cast(list[str], d.pop("input_files", UNSET))

        output_files = cast(list[str], d.pop("output_files", UNSET))

        input_user_data = cast(list[str], d.pop("input_user_data", UNSET))

        output_user_data = cast(list[str], d.pop("output_user_data", UNSET))

        job_spec_model = cls(
            name=name,
            command=command,
            invocation_script=invocation_script,
            cancel_on_blocking_job_failure=cancel_on_blocking_job_failure,
            supports_termination=supports_termination,
            resource_requirements=resource_requirements,
            scheduler=scheduler,
            failure_handler=failure_handler,
            depends_on=depends_on,
            input_files=input_files,
            output_files=output_files,
            input_user_data=input_user_data,
            output_user_data=output_user_data,
        )

        job_spec_model.additional_properties = d
        return job_spec_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compute_node_schedule import ComputeNodeSchedule


T = TypeVar("T", bound="JobModel")


@_attrs_define
class JobModel:
    """A job: a command that a job runner executes once its dependencies are complete, with the files and user data it
    reads and writes and the resources it needs.

        Attributes:
            workflow_id (int): Id of the workflow the job belongs to.
            name (str): Name of the job. Need not be unique.
            command (str): Command line that the job runner executes through the shell (`bash -c`), in the runner's working
                directory.
            id (int | Unset): Id of the job, assigned by the server.
            invocation_script (str | Unset): Optional wrapper placed before the command (the runner runs
                `<invocation_script> <command>`), for example a script that loads modules or activates an environment.
            status (JobStatus | Unset): Status of a job. The database stores it as an integer code:
                `uninitialized` = 0 (created or reset, dependencies not evaluated yet),
                `blocked` = 1 (waiting for a dependency to finish),
                `ready` = 2 (may be claimed),
                `pending` = 3 (claimed by a runner, not started yet),
                `running` = 4,
                `completed` = 5 (return code 0),
                `failed` = 6 (non-zero return code),
                `canceled` = 7,
                `terminated` = 8 (interrupted by its runner, for example at the end of an allocation; it runs
                again when a runner next starts on the workflow),
                `disabled` = 9 (excluded by the user),
                `pending_failed` = 10 (failed without a matching failure-handler rule while the workflow's
                `use_pending_failed` is set; awaits a decision to retry or fail it).
                `completed`, `failed` and `canceled` are done: dependents may proceed (or are canceled).
            cancel_on_blocking_job_failure (bool | Unset): Cancel this job when a job it depends on fails (and, through it,
                the jobs that depend on it). When false, the job runs anyway once its dependencies are complete. Default: True.
            supports_termination (bool | Unset): The job handles SIGTERM (for example by writing a checkpoint). At the end
                of an allocation the runner sends it SIGTERM instead of SIGKILL. Default: False.
            depends_on_job_ids (list[int] | Unset): Ids of the jobs that must be complete before this job may run (explicit
                dependencies; those implied by files and user data are added by `initialize_jobs`).
            input_file_ids (list[int] | Unset): Ids of the files this job reads.
            output_file_ids (list[int] | Unset): Ids of the files this job writes. The runner checks that they exist when
                the job succeeds.
            input_user_data_ids (list[int] | Unset): Ids of the user data records this job reads.
            output_user_data_ids (list[int] | Unset): Ids of the user data records this job writes.
            resource_requirements_id (int | Unset): Id of the resource requirements the job needs. Left out on create, the
                workflow's `default` requirements are used.
            scheduler_id (int | None | Unset): Id of the scheduler configuration (Slurm or local scheduler record) the job
                should run under. Runners of that scheduler claim it first; see `strict_scheduler_match`. Torc v1 clients send
                null for none.
            failure_handler_id (int | Unset): Id of the failure handler whose rules decide whether the job is retried when
                it fails.
            attempt_id (int | Unset): Attempt number of the job in the current run: 1 for the first attempt, increased by
                `retry_job`. Default: 1.
            schedule_compute_nodes (ComputeNodeSchedule | Unset): Allocations to request for a job (see
                `job_model.schedule_compute_nodes`).
    """

    workflow_id: int
    name: str
    command: str
    id: int | Unset = UNSET
    invocation_script: str | Unset = UNSET
    status: JobStatus | Unset = UNSET
    cancel_on_blocking_job_failure: bool | Unset = True
    supports_termination: bool | Unset = False
    depends_on_job_ids: list[int] | Unset = UNSET
    input_file_ids: list[int] | Unset = UNSET
    output_file_ids: list[int] | Unset = UNSET
    input_user_data_ids: list[int] | Unset = UNSET
    output_user_data_ids: list[int] | Unset = UNSET
    resource_requirements_id: int | Unset = UNSET
    scheduler_id: int | None | Unset = UNSET
    failure_handler_id: int | Unset = UNSET
    attempt_id: int | Unset = 1
    schedule_compute_nodes: ComputeNodeSchedule | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        command = self.command

        id = self.id

        invocation_script = self.invocation_script

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        cancel_on_blocking_job_failure = self.cancel_on_blocking_job_failure

        supports_termination = self.supports_termination

        depends_on_job_ids: list[int] | Unset = UNSET
        if not isinstance(self.depends_on_job_ids, Unset):
            depends_on_job_ids = self.depends_on_job_ids

        input_file_ids: list[int] | Unset = UNSET
        if not isinstance(self.input_file_ids, Unset):
            input_file_ids = self.input_file_ids

        output_file_ids: list[int] | Unset = UNSET
        if not isinstance(self.output_file_ids, Unset):
            output_file_ids = self.output_file_ids

        input_user_data_ids: list[int] | Unset = UNSET
        if not isinstance(self.input_user_data_ids, Unset):
            input_user_data_ids = self.input_user_data_ids

        output_user_data_ids: list[int] | Unset = UNSET
        if not isinstance(self.output_user_data_ids, Unset):
            output_user_data_ids = self.output_user_data_ids

        resource_requirements_id = self.resource_requirements_id

        scheduler_id: int | None | Unset
        if isinstance(self.scheduler_id, Unset):
            scheduler_id = UNSET
        else:
            scheduler_id = self.scheduler_id

        failure_handler_id = self.failure_handler_id

        attempt_id = self.attempt_id

        schedule_compute_nodes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule_compute_nodes, Unset):
            schedule_compute_nodes = self.schedule_compute_nodes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "name": name,
                "command": command,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if invocation_script is not UNSET:
            field_dict["invocation_script"] = invocation_script
        if status is not UNSET:
            field_dict["status"] = status
        if cancel_on_blocking_job_failure is not UNSET:
            field_dict["cancel_on_blocking_job_failure"] = (
                cancel_on_blocking_job_failure
            )
        if supports_termination is not UNSET:
            field_dict["supports_termination"] = supports_termination
        if depends_on_job_ids is not UNSET:
            field_dict["depends_on_job_ids"] = depends_on_job_ids
        if input_file_ids is not UNSET:
            field_dict["input_file_ids"] = input_file_ids
        if output_file_ids is not UNSET:
            field_dict["output_file_ids"] = output_file_ids
        if input_user_data_ids is not UNSET:
            field_dict["input_user_data_ids"] = input_user_data_ids
        if output_user_data_ids is not UNSET:
            field_dict["output_user_data_ids"] = output_user_data_ids
        if resource_requirements_id is not UNSET:
            field_dict["resource_requirements_id"] = resource_requirements_id
        if scheduler_id is not UNSET:
            field_dict["scheduler_id"] = scheduler_id
        if failure_handler_id is not UNSET:
            field_dict["failure_handler_id"] = failure_handler_id
        if attempt_id is not UNSET:
            field_dict["attempt_id"] = attempt_id
        if schedule_compute_nodes is not UNSET:
            field_dict["schedule_compute_nodes"] = schedule_compute_nodes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compute_node_schedule import ComputeNodeSchedule

        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        name = d.pop("name")

        command = d.pop("command")

        id = d.pop("id", UNSET)

        invocation_script = d.pop("invocation_script", UNSET)

        _status = d.pop("status", UNSET)
        status: JobStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = JobStatus(_status)

        cancel_on_blocking_job_failure = d.pop("cancel_on_blocking_job_failure", UNSET)

        supports_termination = d.pop("supports_termination", UNSET)

        depends_on_job_ids = cast(list[int], d.pop("depends_on_job_ids", UNSET))

        input_file_ids = cast(list[int], d.pop("input_file_ids", UNSET))

        output_file_ids = cast(list[int], d.pop("output_file_ids", UNSET))

        input_user_data_ids = cast(list[int], d.pop("input_user_data_ids", UNSET))

        output_user_data_ids = cast(list[int], d.pop("output_user_data_ids", UNSET))

        resource_requirements_id = d.pop("resource_requirements_id", UNSET)

        def _parse_scheduler_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        scheduler_id = _parse_scheduler_id(d.pop("scheduler_id", UNSET))

        failure_handler_id = d.pop("failure_handler_id", UNSET)

        attempt_id = d.pop("attempt_id", UNSET)

        _schedule_compute_nodes = d.pop("schedule_compute_nodes", UNSET)
        schedule_compute_nodes: ComputeNodeSchedule | Unset
        if isinstance(_schedule_compute_nodes, Unset):
            schedule_compute_nodes = UNSET
        else:
            schedule_compute_nodes = ComputeNodeSchedule.from_dict(
                _schedule_compute_nodes
            )

        job_model = cls(
            workflow_id=workflow_id,
            name=name,
            command=command,
            id=id,
            invocation_script=invocation_script,
            status=status,
            cancel_on_blocking_job_failure=cancel_on_blocking_job_failure,
            supports_termination=supports_termination,
            depends_on_job_ids=depends_on_job_ids,
            input_file_ids=input_file_ids,
            output_file_ids=output_file_ids,
            input_user_data_ids=input_user_data_ids,
            output_user_data_ids=output_user_data_ids,
            resource_requirements_id=resource_requirements_id,
            scheduler_id=scheduler_id,
            failure_handler_id=failure_handler_id,
            attempt_id=attempt_id,
            schedule_compute_nodes=schedule_compute_nodes,
        )

        job_model.additional_properties = d
        return job_model

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

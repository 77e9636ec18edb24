from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultModel")


@_attrs_define
class ResultModel:
    """The result of one attempt of a job in one run.

    Attributes:
        job_id (int): Id of the job.
        workflow_id (int): Id of the workflow.
        run_id (int): Run of the workflow in which the job ran.
        compute_node_id (int): Id of the compute node (job runner) that ran the job.
        return_code (int): Exit code of the job's process: 0 is success; a negative value is the signal that killed it.
        exec_time_minutes (float): How long the job ran, in minutes.
        completion_time (str): When the job finished (ISO-8601 timestamp).
        status (JobStatus): Status of a job. The database stores it as an integer code:
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
        id (int | Unset): Id of the result, assigned by the server.
        attempt_id (int | Unset): Attempt of the job within the run (see `job_model.attempt_id`). Default: 1.
        peak_memory_bytes (int | Unset): Peak memory (resident set size) used by the job and its child processes, in
            bytes.
        avg_memory_bytes (int | Unset): Average memory used by the job and its child processes, in bytes.
        peak_cpu_percent (float | Unset): Peak CPU use of the job and its child processes, in percent of one core (can
            exceed 100).
        avg_cpu_percent (float | Unset): Average CPU use of the job and its child processes, in percent of one core (can
            exceed 100).
    """

    job_id: int
    workflow_id: int
    run_id: int
    compute_node_id: int
    return_code: int
    exec_time_minutes: float
    completion_time: str
    status: JobStatus
    id: int | Unset = UNSET
    attempt_id: int | Unset = 1
    peak_memory_bytes: int | Unset = UNSET
    avg_memory_bytes: int | Unset = UNSET
    peak_cpu_percent: float | Unset = UNSET
    avg_cpu_percent: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        workflow_id = self.workflow_id

        run_id = self.run_id

        compute_node_id = self.compute_node_id

        return_code = self.return_code

        exec_time_minutes = self.exec_time_minutes

        completion_time = self.completion_time

        status = self.status.value

        id = self.id

        attempt_id = self.attempt_id

        peak_memory_bytes = self.peak_memory_bytes

        avg_memory_bytes = self.avg_memory_bytes

        peak_cpu_percent = self.peak_cpu_percent

        avg_cpu_percent = self.avg_cpu_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "workflow_id": workflow_id,
                "run_id": run_id,
                "compute_node_id": compute_node_id,
                "return_code": return_code,
                "exec_time_minutes": exec_time_minutes,
                "completion_time": completion_time,
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if attempt_id is not UNSET:
            field_dict["attempt_id"] = attempt_id
        if peak_memory_bytes is not UNSET:
            field_dict["peak_memory_bytes"] = peak_memory_bytes
        if avg_memory_bytes is not UNSET:
            field_dict["avg_memory_bytes"] = avg_memory_bytes
        if peak_cpu_percent is not UNSET:
            field_dict["peak_cpu_percent"] = peak_cpu_percent
        if avg_cpu_percent is not UNSET:
            field_dict["avg_cpu_percent"] = avg_cpu_percent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_id = d.pop("job_id")

        workflow_id = d.pop("workflow_id")

        run_id = d.pop("run_id")

        compute_node_id = d.pop("compute_node_id")

        return_code = d.pop("return_code")

        exec_time_minutes = d.pop("exec_time_minutes")

        completion_time = d.pop("completion_time")

        status = JobStatus(d.pop("status"))

        id = d.pop("id", UNSET)

        attempt_id = d.pop("attempt_id", UNSET)

        peak_memory_bytes = d.pop("peak_memory_bytes", UNSET)

        avg_memory_bytes = d.pop("avg_memory_bytes", UNSET)

        peak_cpu_percent = d.pop("peak_cpu_percent", UNSET)

        avg_cpu_percent = d.pop("avg_cpu_percent", UNSET)

        result_model = cls(
            job_id=job_id,
            workflow_id=workflow_id,
            run_id=run_id,
            compute_node_id=compute_node_id,
            return_code=return_code,
            exec_time_minutes=exec_time_minutes,
            completion_time=completion_time,
            status=status,
            id=id,
            attempt_id=attempt_id,
            peak_memory_bytes=peak_memory_bytes,
            avg_memory_bytes=avg_memory_bytes,
            peak_cpu_percent=peak_cpu_percent,
            avg_cpu_percent=avg_cpu_percent,
        )

        result_model.additional_properties = d
        return result_model

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

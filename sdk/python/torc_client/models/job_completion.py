from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus

if TYPE_CHECKING:
    from ..models.result_model import ResultModel


T = TypeVar("T", bound="JobCompletion")


@_attrs_define
class JobCompletion:
    """One finished job in a `complete_jobs` request.

    Attributes:
        job_id (int): Id of the job that finished.
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
        result (ResultModel): The result of one attempt of a job in one run.
    """

    job_id: int
    status: JobStatus
    result: ResultModel
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        status = self.status.value

        result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "status": status,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.result_model import ResultModel

        d = dict(src_dict)
        job_id = d.pop("job_id")

        status = JobStatus(d.pop("status"))

        result = ResultModel.from_dict(d.pop("result"))

        job_completion = cls(
            job_id=job_id,
            status=status,
            result=result,
        )

        job_completion.additional_properties = d
        return job_completion

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

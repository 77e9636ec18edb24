from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.claim_request import ClaimRequest
    from ..models.job_completion import JobCompletion


T = TypeVar("T", bound="CompleteJobsRequest")


@_attrs_define
class CompleteJobsRequest:
    """The jobs a runner reports as finished together (see `complete_jobs`).

    Attributes:
        completions (list[JobCompletion]): One entry per finished job, each job at most once.
        started (list[int] | Unset): Jobs the runner claimed earlier (left `pending`) and has started since its last
            report; they become `running` on `compute_node_id` before the completions apply.
        compute_node_id (int | Unset): The runner's compute node, on which the `started` jobs run (and under which a
            `request_id`'s answer is kept).
        request_id (str | Unset): Makes the request safe to repeat: a runner sends a new id (a UUID, say) with each
            report-and-claim, and the same id again when it repeats the request because no answer came (the connection
            dropped). The server keeps the answer of each id, per compute node, in the same transaction as the work, and
            answers a repeated id with that first answer without doing the work again, so no job is claimed, started or
            finished twice and no claimed job is lost. The last answers of each compute node are kept (at least the last
            16). Needs `compute_node_id` or `claim` (422 otherwise).
        claim (ClaimRequest | Unset): New work a runner asks for while reporting completions: with `resources`, ready
            jobs that fit in them (as `claim_jobs_based_on_resources`); without, the next ready jobs in id order (as
            `claim_next_jobs`). The jobs are started on `compute_node_id` at once unless `start` is false.
        answer_jobs (bool | Unset): Answer the finished jobs in `jobs` (the default). A runner that does not read them
            sets it false: `jobs` is then empty, and the server spends nothing reading them back. Default: True.
    """

    completions: list[JobCompletion]
    started: list[int] | Unset = UNSET
    compute_node_id: int | Unset = UNSET
    request_id: str | Unset = UNSET
    claim: ClaimRequest | Unset = UNSET
    answer_jobs: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completions = []
        for completions_item_data in self.completions:
            completions_item = completions_item_data.to_dict()
            completions.append(completions_item)

        started: list[int] | Unset = UNSET
        if not isinstance(self.started, Unset):
            started = self.started

        compute_node_id = self.compute_node_id

        request_id = self.request_id

        claim: dict[str, Any] | Unset = UNSET
        if not isinstance(self.claim, Unset):
            claim = self.claim.to_dict()

        answer_jobs = self.answer_jobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completions": completions,
            }
        )
        if started is not UNSET:
            field_dict["started"] = started
        if compute_node_id is not UNSET:
            field_dict["compute_node_id"] = compute_node_id
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if claim is not UNSET:
            field_dict["claim"] = claim
        if answer_jobs is not UNSET:
            field_dict["answer_jobs"] = answer_jobs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.claim_request import ClaimRequest
        from ..models.job_completion import JobCompletion

        d = dict(src_dict)
        completions = []
        _completions = d.pop("completions")
        for completions_item_data in _completions:
            completions_item = JobCompletion.from_dict(completions_item_data)

            completions.append(completions_item)

        started = cast(list[int], d.pop("started", UNSET))

        compute_node_id = d.pop("compute_node_id", UNSET)

        request_id = d.pop("request_id", UNSET)

        _claim = d.pop("claim", UNSET)
        claim: ClaimRequest | Unset
        if isinstance(_claim, Unset):
            claim = UNSET
        else:
            claim = ClaimRequest.from_dict(_claim)

        answer_jobs = d.pop("answer_jobs", UNSET)

        complete_jobs_request = cls(
            completions=completions,
            started=started,
            compute_node_id=compute_node_id,
            request_id=request_id,
            claim=claim,
            answer_jobs=answer_jobs,
        )

        complete_jobs_request.additional_properties = d
        return complete_jobs_request

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

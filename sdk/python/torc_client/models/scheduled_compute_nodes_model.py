from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduledComputeNodesModel")


@_attrs_define
class ScheduledComputeNodesModel:
    """An allocation requested from a scheduler for a workflow (for example one Slurm job), in which job runners will run.

    Attributes:
        workflow_id (int): Id of the workflow.
        scheduler_id (int): The scheduler's id for the allocation, for example the Slurm job id.
        scheduler_config_id (int): Id of the scheduler configuration (Slurm or local scheduler record) used.
        scheduler_type (str): Kind of scheduler, `local` or `slurm`.
        status (str): State of the allocation: `pending` (submitted, waiting in the queue), `active` (its runners are
            running) or `complete` (finished).
        id (int | Unset): Id of the record, assigned by the server.
    """

    workflow_id: int
    scheduler_id: int
    scheduler_config_id: int
    scheduler_type: str
    status: str
    id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        scheduler_id = self.scheduler_id

        scheduler_config_id = self.scheduler_config_id

        scheduler_type = self.scheduler_type

        status = self.status

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "scheduler_id": scheduler_id,
                "scheduler_config_id": scheduler_config_id,
                "scheduler_type": scheduler_type,
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        scheduler_id = d.pop("scheduler_id")

        scheduler_config_id = d.pop("scheduler_config_id")

        scheduler_type = d.pop("scheduler_type")

        status = d.pop("status")

        id = d.pop("id", UNSET)

        scheduled_compute_nodes_model = cls(
            workflow_id=workflow_id,
            scheduler_id=scheduler_id,
            scheduler_config_id=scheduler_config_id,
            scheduler_type=scheduler_type,
            status=status,
            id=id,
        )

        scheduled_compute_nodes_model.additional_properties = d
        return scheduled_compute_nodes_model

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

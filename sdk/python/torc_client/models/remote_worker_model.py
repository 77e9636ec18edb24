from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RemoteWorkerModel")


@_attrs_define
class RemoteWorkerModel:
    """A remote machine registered with a workflow to run job runners.

    Attributes:
        worker (str): Address of the machine, as the torc CLI uses it to connect over SSH (for example `host`,
            `user@host` or `user@host:port`).
        workflow_id (int): Id of the workflow.
    """

    worker: str
    workflow_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        worker = self.worker

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "worker": worker,
                "workflow_id": workflow_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        worker = d.pop("worker")

        workflow_id = d.pop("workflow_id")

        remote_worker_model = cls(
            worker=worker,
            workflow_id=workflow_id,
        )

        remote_worker_model.additional_properties = d
        return remote_worker_model

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

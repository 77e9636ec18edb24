from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_model_data import EventModelData


T = TypeVar("T", bound="EventModel")


@_attrs_define
class EventModel:
    """A stored event, something notable that happened to a workflow.

    Attributes:
        workflow_id (int): Id of the workflow.
        timestamp (int): When the event happened, in milliseconds since the Unix epoch. The server sets it when the
            event is created, whatever the request says.
        data (EventModelData): Details of the event, any JSON object (for example its category and message).
        id (int | Unset): Id of the event, assigned by the server.
    """

    workflow_id: int
    timestamp: int
    data: EventModelData
    id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        timestamp = self.timestamp

        data = self.data.to_dict()

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "timestamp": timestamp,
                "data": data,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_model_data import EventModelData

        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        timestamp = d.pop("timestamp")

        data = EventModelData.from_dict(d.pop("data"))

        id = d.pop("id", UNSET)

        event_model = cls(
            workflow_id=workflow_id,
            timestamp=timestamp,
            data=data,
            id=id,
        )

        event_model.additional_properties = d
        return event_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobUserDataRelationshipModel")


@_attrs_define
class JobUserDataRelationshipModel:
    """A user data record with a job that produces it and a job that consumes it.

    Attributes:
        user_data_id (int): Id of the user data record.
        user_data_name (str): Name of the user data record.
        workflow_id (int): Id of the workflow.
        producer_job_id (int | None | Unset): Id of the job that writes the record; null or absent when no job does.
        producer_job_name (None | str | Unset): Name of the job that writes the record; null or absent when no job does.
        consumer_job_id (int | None | Unset): Id of a job that reads the record; null or absent when no job does.
        consumer_job_name (None | str | Unset): Name of a job that reads the record; null or absent when no job does.
    """

    user_data_id: int
    user_data_name: str
    workflow_id: int
    producer_job_id: int | None | Unset = UNSET
    producer_job_name: None | str | Unset = UNSET
    consumer_job_id: int | None | Unset = UNSET
    consumer_job_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_data_id = self.user_data_id

        user_data_name = self.user_data_name

        workflow_id = self.workflow_id

        producer_job_id: int | None | Unset
        if isinstance(self.producer_job_id, Unset):
            producer_job_id = UNSET
        else:
            producer_job_id = self.producer_job_id

        producer_job_name: None | str | Unset
        if isinstance(self.producer_job_name, Unset):
            producer_job_name = UNSET
        else:
            producer_job_name = self.producer_job_name

        consumer_job_id: int | None | Unset
        if isinstance(self.consumer_job_id, Unset):
            consumer_job_id = UNSET
        else:
            consumer_job_id = self.consumer_job_id

        consumer_job_name: None | str | Unset
        if isinstance(self.consumer_job_name, Unset):
            consumer_job_name = UNSET
        else:
            consumer_job_name = self.consumer_job_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_data_id": user_data_id,
                "user_data_name": user_data_name,
                "workflow_id": workflow_id,
            }
        )
        if producer_job_id is not UNSET:
            field_dict["producer_job_id"] = producer_job_id
        if producer_job_name is not UNSET:
            field_dict["producer_job_name"] = producer_job_name
        if consumer_job_id is not UNSET:
            field_dict["consumer_job_id"] = consumer_job_id
        if consumer_job_name is not UNSET:
            field_dict["consumer_job_name"] = consumer_job_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_data_id = d.pop("user_data_id")

        user_data_name = d.pop("user_data_name")

        workflow_id = d.pop("workflow_id")

        def _parse_producer_job_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        producer_job_id = _parse_producer_job_id(d.pop("producer_job_id", UNSET))

        def _parse_producer_job_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        producer_job_name = _parse_producer_job_name(d.pop("producer_job_name", UNSET))

        def _parse_consumer_job_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        consumer_job_id = _parse_consumer_job_id(d.pop("consumer_job_id", UNSET))

        def _parse_consumer_job_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consumer_job_name = _parse_consumer_job_name(d.pop("consumer_job_name", UNSET))

        job_user_data_relationship_model = cls(
            user_data_id=user_data_id,
            user_data_name=user_data_name,
            workflow_id=workflow_id,
            producer_job_id=producer_job_id,
            producer_job_name=producer_job_name,
            consumer_job_id=consumer_job_id,
            consumer_job_name=consumer_job_name,
        )

        job_user_data_relationship_model.additional_properties = d
        return job_user_data_relationship_model

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FailureHandlerModel")


@_attrs_define
class FailureHandlerModel:
    """A failure handler: rules that decide, from a failed job's return code, whether the job runner retries it and what
    recovery script it runs first.

        Attributes:
            workflow_id (int): Id of the workflow.
            name (str): Name of the handler.
            rules (str): The rules, as a JSON-encoded array of `{exit_codes: [int], match_all_exit_codes: bool,
                recovery_script: string (optional), max_retries: int (default 3)}`. The first rule whose `exit_codes` contain
                the return code applies, otherwise the first rule with `match_all_exit_codes`. A job is retried while its
                attempt number is below the rule's `max_retries`.
            id (int | Unset): Id of the handler, assigned by the server.
    """

    workflow_id: int
    name: str
    rules: str
    id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        name = self.name

        rules = self.rules

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "name": name,
                "rules": rules,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        name = d.pop("name")

        rules = d.pop("rules")

        id = d.pop("id", UNSET)

        failure_handler_model = cls(
            workflow_id=workflow_id,
            name=name,
            rules=rules,
            id=id,
        )

        failure_handler_model.additional_properties = d
        return failure_handler_model

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

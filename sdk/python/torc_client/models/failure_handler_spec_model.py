from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.failure_handler_spec_model_rules_item import (
        FailureHandlerSpecModelRulesItem,
    )


T = TypeVar("T", bound="FailureHandlerSpecModel")


@_attrs_define
class FailureHandlerSpecModel:
    """A failure handler in a workflow specification.

    Attributes:
        name (str): Name, unique in the workflow.
        rules (list[FailureHandlerSpecModelRulesItem]): Rules tried in order: the first whose `exit_codes` contain the
            job's return code, else the first with `match_all_exit_codes`; each has `max_retries` (default 3) and an
            optional `recovery_script`.
    """

    name: str
    rules: list[FailureHandlerSpecModelRulesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.failure_handler_spec_model_rules_item import (
            FailureHandlerSpecModelRulesItem,
        )

        d = dict(src_dict)
        name = d.pop("name")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = FailureHandlerSpecModelRulesItem.from_dict(rules_item_data)

            rules.append(rules_item)

        failure_handler_spec_model = cls(
            name=name,
            rules=rules,
        )

        failure_handler_spec_model.additional_properties = d
        return failure_handler_spec_model

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

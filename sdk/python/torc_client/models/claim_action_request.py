from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClaimActionRequest")


@_attrs_define
class ClaimActionRequest:
    """The body of `claim_action`; may be `{}`.

    Attributes:
        compute_node_id (int | Unset): Id of the compute node (runner) claiming the action, recorded as `executed_by`.
            Left out when the claim comes from outside a runner (for example `torc workflows start`).
    """

    compute_node_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compute_node_id = self.compute_node_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if compute_node_id is not UNSET:
            field_dict["compute_node_id"] = compute_node_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        compute_node_id = d.pop("compute_node_id", UNSET)

        claim_action_request = cls(
            compute_node_id=compute_node_id,
        )

        claim_action_request.additional_properties = d
        return claim_action_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClaimActionResponse")


@_attrs_define
class ClaimActionResponse:
    """The outcome of a successful `claim_action`.

    Attributes:
        action_id (int): Id of the claimed action.
        claimed (bool): The action was claimed by this caller, who should now execute it. Always true.
        success (bool): Same as `claimed`; kept for clients generated from the v1 document.
    """

    action_id: int
    claimed: bool
    success: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_id = self.action_id

        claimed = self.claimed

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_id": action_id,
                "claimed": claimed,
                "success": success,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action_id = d.pop("action_id")

        claimed = d.pop("claimed")

        success = d.pop("success")

        claim_action_response = cls(
            action_id=action_id,
            claimed=claimed,
            success=success,
        )

        claim_action_response.additional_properties = d
        return claim_action_response

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserGroupMembershipModel")


@_attrs_define
class UserGroupMembershipModel:
    """The membership of a user in an access group.

    Attributes:
        user_name (str): Name of the user.
        group_id (int): Id of the access group.
        id (int | Unset): Id of the membership, assigned by the server.
        role (str | Unset): Role of the user in the group, `member` or `admin`. Default: 'member'.
        created_at (str | Unset): When the user was added (ISO-8601 timestamp), set by the server.
    """

    user_name: str
    group_id: int
    id: int | Unset = UNSET
    role: str | Unset = "member"
    created_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_name = self.user_name

        group_id = self.group_id

        id = self.id

        role = self.role

        created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_name": user_name,
                "group_id": group_id,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if role is not UNSET:
            field_dict["role"] = role
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_name = d.pop("user_name")

        group_id = d.pop("group_id")

        id = d.pop("id", UNSET)

        role = d.pop("role", UNSET)

        created_at = d.pop("created_at", UNSET)

        user_group_membership_model = cls(
            user_name=user_name,
            group_id=group_id,
            id=id,
            role=role,
            created_at=created_at,
        )

        user_group_membership_model.additional_properties = d
        return user_group_membership_model

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

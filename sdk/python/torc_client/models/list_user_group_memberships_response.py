from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_group_membership_model import UserGroupMembershipModel


T = TypeVar("T", bound="ListUserGroupMembershipsResponse")


@_attrs_define
class ListUserGroupMembershipsResponse:
    """One page of group memberships.

    Attributes:
        items (list[UserGroupMembershipModel] | Unset): The group memberships of this page.
        offset (int | Unset): Number of records skipped before this page (the request's `offset`).
        limit (int | Unset): The `limit` applied to this page.
        total_count (int | Unset): Number of records that match the request, over all pages.
        has_more (bool | Unset): More records follow; request the next page with `offset` + the number of `items`.
    """

    items: list[UserGroupMembershipModel] | Unset = UNSET
    offset: int | Unset = UNSET
    limit: int | Unset = UNSET
    total_count: int | Unset = UNSET
    has_more: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        offset = self.offset

        limit = self.limit

        total_count = self.total_count

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if offset is not UNSET:
            field_dict["offset"] = offset
        if limit is not UNSET:
            field_dict["limit"] = limit
        if total_count is not UNSET:
            field_dict["total_count"] = total_count
        if has_more is not UNSET:
            field_dict["has_more"] = has_more

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_group_membership_model import UserGroupMembershipModel

        d = dict(src_dict)
        _items = d.pop("items", UNSET)
        items: list[UserGroupMembershipModel] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = UserGroupMembershipModel.from_dict(items_item_data)

                items.append(items_item)

        offset = d.pop("offset", UNSET)

        limit = d.pop("limit", UNSET)

        total_count = d.pop("total_count", UNSET)

        has_more = d.pop("has_more", UNSET)

        list_user_group_memberships_response = cls(
            items=items,
            offset=offset,
            limit=limit,
            total_count=total_count,
            has_more=has_more,
        )

        list_user_group_memberships_response.additional_properties = d
        return list_user_group_memberships_response

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.failure_handler_model import FailureHandlerModel


T = TypeVar("T", bound="ListFailureHandlersResponse")


@_attrs_define
class ListFailureHandlersResponse:
    """One page of failure handlers.

    Attributes:
        items (list[FailureHandlerModel]): The failure handlers of this page.
        offset (int): Number of records skipped before this page (the request's `offset`).
        max_limit (int): Largest `limit` the server accepts (10,000).
        count (int): Number of records in `items`.
        total_count (int): Number of records that match the request's filters, over all pages.
        has_more (bool): More records follow; request the next page with `offset` + `count`.
    """

    items: list[FailureHandlerModel]
    offset: int
    max_limit: int
    count: int
    total_count: int
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        offset = self.offset

        max_limit = self.max_limit

        count = self.count

        total_count = self.total_count

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "offset": offset,
                "max_limit": max_limit,
                "count": count,
                "total_count": total_count,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.failure_handler_model import FailureHandlerModel

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = FailureHandlerModel.from_dict(items_item_data)

            items.append(items_item)

        offset = d.pop("offset")

        max_limit = d.pop("max_limit")

        count = d.pop("count")

        total_count = d.pop("total_count")

        has_more = d.pop("has_more")

        list_failure_handlers_response = cls(
            items=items,
            offset=offset,
            max_limit=max_limit,
            count=count,
            total_count=total_count,
            has_more=has_more,
        )

        list_failure_handlers_response.additional_properties = d
        return list_failure_handlers_response

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

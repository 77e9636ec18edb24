from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.default_error_response_error import DefaultErrorResponseError


T = TypeVar("T", bound="DefaultErrorResponse")


@_attrs_define
class DefaultErrorResponse:
    """The body of every error response: `{"error": {"message": "..."}}`.

    Attributes:
        error (DefaultErrorResponseError): The error. Always carries `message`; some errors add fields, for example
            `claimed: false` when an action was already claimed.
        error_num (int | Unset): Numeric error code. Kept for compatibility with v1 clients; not sent.
        error_message (str | Unset): Error text. Kept for compatibility with v1 clients; not sent.
        code (int | Unset): HTTP status code. Kept for compatibility with v1 clients; not sent.
    """

    error: DefaultErrorResponseError
    error_num: int | Unset = UNSET
    error_message: str | Unset = UNSET
    code: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        error_num = self.error_num

        error_message = self.error_message

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if error_num is not UNSET:
            field_dict["errorNum"] = error_num
        if error_message is not UNSET:
            field_dict["errorMessage"] = error_message
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.default_error_response_error import DefaultErrorResponseError

        d = dict(src_dict)
        error = DefaultErrorResponseError.from_dict(d.pop("error"))

        error_num = d.pop("errorNum", UNSET)

        error_message = d.pop("errorMessage", UNSET)

        code = d.pop("code", UNSET)

        default_error_response = cls(
            error=error,
            error_num=error_num,
            error_message=error_message,
            code=code,
        )

        default_error_response.additional_properties = d
        return default_error_response

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

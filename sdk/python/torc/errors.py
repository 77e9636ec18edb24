"""The one exception the SDK raises for a failed API call."""

from __future__ import annotations

import json
from http import HTTPStatus

MAX_BODY_IN_MESSAGE = 500


class ApiError(Exception):
    """An API call failed: the server refused it, answered something unreadable, or could not
    be reached.

    Attributes:
        status: HTTP status of the answer (400, 404, 409, 422, ...), or None when no answer came
            (connection refused, timeout, lost connection).
        message: What went wrong: the server's `error.message`, or a description of the
            transport problem.
        operation: operationId of the call (`get_job`, `list_jobs`, ...), when known.
        url: The request URL, when known.
        body: The raw body of the answer, when there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        operation: str | None = None,
        url: str | None = None,
        body: bytes | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.operation = operation
        self.url = url
        self.body = body

    @property
    def reason(self) -> str | None:
        """The HTTP reason phrase of `status` ("Not Found", ...), or None."""
        if self.status is None:
            return None
        try:
            return HTTPStatus(self.status).phrase
        except ValueError:
            return None

    def __str__(self) -> str:
        prefix = f"{self.operation}: " if self.operation else ""
        if self.status is None:
            return f"{prefix}{self.message}"
        reason = f" {self.reason}" if self.reason else ""
        return f"{prefix}HTTP {self.status}{reason}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"ApiError(status={self.status!r}, message={self.message!r}, "
            f"operation={self.operation!r})"
        )

    @classmethod
    def from_response(
        cls,
        status: int,
        body: bytes,
        *,
        operation: str | None = None,
        url: str | None = None,
    ) -> ApiError:
        """The error for an answer with a non-success status: the message is the contract's
        `{"error": {"message": ...}}` when the body has that shape, else the body's text."""
        return cls(
            error_message(status, body), status=status, operation=operation, url=url, body=body
        )


def error_message(status: int, body: bytes) -> str:
    """The server's `error.message` from an error body, or a readable stand-in."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return error["message"]
        if isinstance(error, str):
            return error
    text = body.decode("utf-8", "replace").strip()
    if text:
        if len(text) > MAX_BODY_IN_MESSAGE:
            text = text[:MAX_BODY_IN_MESSAGE] + "..."
        return text
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP status {status}"

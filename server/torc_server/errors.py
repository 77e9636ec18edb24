"""Errors that the storage layer and the engine raise for client mistakes.

They carry a message meant for the person who sent the request. The HTTP layer maps each kind to
a status code (see `torc_server.http.errors`); nothing below it knows about HTTP.
"""

from __future__ import annotations


class TorcError(Exception):
    """A client mistake; the message says what was wrong."""

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra  # more fields for the error object, e.g. {"claimed": False}


class InvalidRequest(TorcError):
    """The request is malformed or a value is out of range (HTTP 400)."""


class NotFound(TorcError):
    """A referenced record does not exist (HTTP 404)."""

    @classmethod
    def record(cls, kind: str, record_id: object) -> NotFound:
        return cls(f"{kind} not found with ID: {record_id}")


class Conflict(TorcError):
    """The record is already taken or would duplicate another (HTTP 409)."""


class StateConflict(TorcError):
    """The request is well formed but the current state forbids it (HTTP 422)."""

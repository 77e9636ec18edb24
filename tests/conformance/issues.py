"""Known discrepancies between the server and openapi/torc.yaml where the document is at fault.

The document is not edited here and the checks are not weakened. Each entry names one operation
and exactly one kind of response that the document does not describe (an undocumented status
with a recognizable error message):

- `test_schemathesis.py` lets a response that matches an entry through, and only such a response,
  so that the operation's other examples are still checked;
- `test_document_issues.py` reproduces each entry deterministically and checks the response
  against the document, marked `xfail(strict=True)`: it fails as soon as the document (or the
  server) is fixed, as a reminder to delete the entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from schemathesis.openapi.checks import UndefinedStatusCode

Ids = dict[str, list[Any]]


class DocumentIssue(AssertionError):
    """The server gave a known response that the document does not describe."""


@dataclass(frozen=True)
class Known:
    operation_id: str
    status: int  # the undocumented status the server answers
    fragment: str  # a part of the error message that identifies the case
    reason: str
    reproduce: Callable[[httpx.Client, Ids], httpx.Response]

    def matches_response(self, status: int, text: str) -> bool:
        return status == self.status and self.fragment in text

    def matches(self, failures: list[BaseException], status: int, text: str) -> bool:
        """Whether the failed checks are exactly this discrepancy and nothing else."""
        return (
            self.matches_response(status, text)
            and bool(failures)
            and all(
                isinstance(f, UndefinedStatusCode) and f.status_code == self.status
                for f in failures
            )
        )


# Empty while the document describes every response the server gives. Add an entry (with a
# `reproduce` function) when a document gap is found, and remove it once the document is fixed.
KNOWN: dict[str, Known] = {}

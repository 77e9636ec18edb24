"""Each known document discrepancy (`issues.py`), reproduced and checked against the document.

These are strict xfails: they pass only while the discrepancy exists. When one starts failing with
XPASS(strict), the document (or the server) was fixed: delete the entry from `issues.py`.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.openapi_document import load_document

from .issues import KNOWN, DocumentIssue, Known
from .seed import seed


def _documented_statuses(operation_id: str) -> set[str]:
    document = load_document()
    for item in document["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return {str(status) for status in op["responses"]}
    raise AssertionError(f"{operation_id} is not in the document")


@pytest.mark.parametrize(
    "known",
    [
        pytest.param(
            known,
            id=known.operation_id,
            marks=pytest.mark.xfail(strict=True, raises=DocumentIssue, reason=known.reason),
        )
        for known in KNOWN.values()
    ],
)
def test_known_document_issue(known: Known, server: Any) -> None:
    with httpx.Client(base_url=server.url, timeout=30.0) as http:
        response = known.reproduce(http, seed(http))
    documented = _documented_statuses(known.operation_id)
    if str(response.status_code) not in documented and known.matches_response(
        response.status_code, response.text
    ):
        raise DocumentIssue(f"{known.reason} Got {response.status_code}: {response.text}")
    # Anything else must be documented; if it is, the xfail turns into a strict XPASS.
    assert str(response.status_code) in documented, (
        f"{known.operation_id} answered {response.status_code}, documented: {sorted(documented)}: "
        f"{response.text}"
    )

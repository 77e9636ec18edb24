"""Requests from other web sites are refused.

The dashboard acts with the user's login on whatever reaches it. A page from another site, open
in the same browser, could otherwise send it requests (cross-site request forgery) or, through a
DNS name that points at 127.0.0.1, read its answers (DNS rebinding). So: a request that changes
something must come from the dashboard's own page (its `Origin`, when the browser sends one, is
the dashboard's) and carry JSON (which other sites cannot send without the browser asking first);
and when the dashboard listens on loopback, the `Host` it was reached by must be a loopback name.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _hostname(authority: str) -> str:
    return (urlsplit(f"//{authority}").hostname or "").lower()


def refusal(method: str, headers: dict[str, str], bind_host: str) -> str | None:
    """Why the request is refused, or None. `headers` with lower-case names."""
    host = headers.get("host", "")
    if bind_host in LOOPBACK and _hostname(host) not in LOOPBACK:
        return f"the dashboard is reached as {host!r}, not by a loopback name"
    if method.upper() in SAFE_METHODS:
        return None
    origin = headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc.lower() != host.lower():
        return f"requests from {origin} are not accepted"
    if origin == "null":
        return "requests from an opaque origin are not accepted"
    content_type = headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        return "requests that change something must send JSON (content-type: application/json)"
    return None

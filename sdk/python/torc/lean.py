"""Plain JSON requests over the standard library's `http.client`, for hot loops.

A request through the generated SDK and httpx costs about a millisecond and a half of client
CPU; most of it is httpx. A job runner that reports every finished job and claims the next one
pays that once per job, so `DefaultApi.request_json` sends its requests here instead: the same
URL, headers (authentication included), timeout and TLS settings, one keep-alive connection per
thread, JSON in and out, and the same `ApiError`s.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
from typing import Any
from urllib.parse import urlencode, urlsplit

from torc.errors import ApiError

_RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
"""What a kept-alive connection the server has closed meanwhile raises; the request is then
sent again once, on a new connection."""


class LeanJson:
    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        timeout: float | None,
        verify_ssl: bool | str | ssl.SSLContext = True,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._headers = {
            **headers,
            "Accept": "application/json",
            "Content-Type": "application/json",
        }
        self._timeout = timeout
        self._context: ssl.SSLContext | None = None
        if self._https:
            if isinstance(verify_ssl, ssl.SSLContext):
                self._context = verify_ssl
            elif verify_ssl is False:
                self._context = ssl._create_unverified_context()
            elif isinstance(verify_ssl, str):
                self._context = ssl.create_default_context(cafile=verify_ssl)
            else:
                self._context = ssl.create_default_context()
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._https:
                conn = http.client.HTTPSConnection(
                    self._host, self._port, timeout=self._timeout, context=self._context
                )
            else:
                conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.conn = conn
            self._local.used = False
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        *,
        operation: str | None = None,
    ) -> Any:
        """Send one request; the decoded JSON answer of a 2xx, else ApiError."""
        target = self._prefix + path
        if params:
            query = {k: _query_value(v) for k, v in params.items() if v is not None}
            if query:
                target += "?" + urlencode(query, doseq=True)
        url = self.base_url + path
        payload = None if body is None else json.dumps(body).encode()
        for attempt in (1, 2):
            conn = self._connection()
            reused = self._local.used
            try:
                conn.request(method, target, body=payload, headers=self._headers)
                response = conn.getresponse()
                content = response.read()
            except _RETRYABLE as exc:
                self.close()
                if reused and attempt == 1:
                    continue
                raise _transport_error(self.base_url, method, url, exc, operation) from exc
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise _transport_error(self.base_url, method, url, exc, operation) from exc
            self._local.used = True
            if response.will_close:
                self.close()
            if not 200 <= response.status < 300:
                raise ApiError.from_response(response.status, content, operation=operation, url=url)
            try:
                return json.loads(content) if content else None
            except ValueError as exc:
                raise ApiError(
                    f"cannot read the server's answer ({exc})",
                    status=response.status,
                    operation=operation,
                    url=url,
                    body=content,
                ) from exc
        raise AssertionError("unreachable")  # pragma: no cover


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _transport_error(
    base_url: str, method: str, url: str, exc: Exception, operation: str | None
) -> ApiError:
    if isinstance(exc, socket.timeout | TimeoutError):
        message = (
            f"no answer from the torc server at {base_url} in time ({method} {url}: {exc}). "
            "Check that the server is running and not overloaded."
        )
    elif isinstance(exc, ConnectionRefusedError):
        message = (
            f"cannot connect to the torc server at {base_url} ({method} {url}: {exc}). Check "
            "that torc-server is running and reachable from here."
        )
    else:
        message = (
            f"request to the torc server at {base_url} failed ({method} {url}: "
            f"{type(exc).__name__} {exc})."
        )
    return ApiError(message, operation=operation, url=url)

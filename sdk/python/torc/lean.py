"""Plain JSON requests over a kept-alive socket, for hot loops.

A request through the generated SDK and httpx costs about a millisecond and a half of client
CPU; most of it is httpx, and `http.client` still spends half a millisecond parsing headers with
the email package. A job runner that reports what finished and claims more work pays that on
every turn, so `DefaultApi.request_json` sends its requests here instead: the same URL, headers
(authentication included), timeout and TLS settings, one keep-alive connection per thread, a
minimal HTTP/1.1 exchange (Content-Length or chunked answers), JSON in and out, and the same
`ApiError`s.
"""

from __future__ import annotations

import json
import select
import socket
import ssl
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from torc.errors import ApiError

_RETRYABLE = (ConnectionResetError, BrokenPipeError)
"""What a kept-alive connection the server has closed meanwhile raises; the request is then
sent again once, on a new connection."""

_MAX_LINE = 65536


class _BadAnswer(OSError):
    """The server's answer is not HTTP/1.x as expected."""


def framing(fields: list[bytes], *, close: bool = False) -> tuple[int | None, bool, bool]:
    """From an answer's header lines: its Content-Length, whether it comes in chunks, and
    whether the server closes the connection after it (`close`: the default, as for HTTP/1.0)."""
    length: int | None = None
    chunked = False
    for line in fields:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            token = value.strip().lower()
            close = token == b"close" or (close and token != b"keep-alive")
    return length, chunked, close


class _Connection:
    """One HTTP/1.1 connection: a socket (TLS when asked) and a buffered reader."""

    def __init__(
        self, host: str, port: int, timeout: float | None, context: ssl.SSLContext | None
    ) -> None:
        sock = socket.create_connection((host, port), timeout)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if context is not None:
                sock = context.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
        self.sock = sock
        self.reader = sock.makefile("rb")

    def close(self) -> None:
        self.reader.close()
        self.sock.close()

    def exchange(self, request: bytes) -> tuple[int, bytes, bool]:
        """Send a whole request; answer the status, the body, and whether the server closes
        the connection after it."""
        self.sock.sendall(request)
        return self.answer()

    def answer(self) -> tuple[int, bytes, bool]:
        """Read the answer to the request sent last: the status, the body, and whether the
        server closes the connection after it."""
        while True:
            line = self.reader.readline(_MAX_LINE)
            if not line:
                raise ConnectionResetError("the server closed the connection")
            version, _, rest = line.partition(b" ")
            if not version.startswith(b"HTTP/1."):
                raise _BadAnswer(f"not an HTTP/1.x status line: {line[:80]!r}")
            status = int(rest[:3])
            fields = []
            while (line := self.reader.readline(_MAX_LINE)) not in (b"\r\n", b"\n", b""):
                fields.append(line)
            length, chunked, close = framing(fields, close=version == b"HTTP/1.0")
            if 100 <= status < 200:
                continue  # an interim answer; the real one follows
            if chunked:
                body = self._chunks()
            elif length is not None:
                body = self.reader.read(length)
                if len(body) < length:
                    raise _BadAnswer("the server closed the connection mid-answer")
            else:
                body, close = self.reader.read(), True
            return status, body, close

    def _chunks(self) -> bytes:
        parts = []
        while True:
            size = int(self.reader.readline(_MAX_LINE).split(b";")[0], 16)
            if size == 0:
                while self.reader.readline(_MAX_LINE) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.reader.read(size))
            self.reader.readline(_MAX_LINE)


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
        fields = {
            **headers,
            "Host": parts.netloc.rpartition("@")[2],
            "Accept": "application/json",
            "Content-Type": "application/json",
        }
        self._head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
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

    def _connection(self) -> _Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            port = self._port or (443 if self._https else 80)
            conn = _Connection(self._host, port, self._timeout, self._context)
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
        return self.send(method, path, body, params, operation=operation).answer()

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        *,
        operation: str | None = None,
        chunks: Iterable[bytes] | None = None,
        timeout: float | None = None,
    ) -> Sent:
        """Send one request now and read its answer when asked (`Sent.answer`, from this
        thread), so that the caller works while the server does. A request this thread sends
        before asking reads that answer first and keeps it.

        `chunks`: a body already encoded, sent piece by piece (chunked transfer encoding) on a
        new connection (it cannot be sent twice); `timeout`: seconds to wait for this answer,
        instead of the client's."""
        self._settle()
        target = self._prefix + path
        if params:
            query = {k: _query_value(v) for k, v in params.items() if v is not None}
            if query:
                target += "?" + urlencode(query, doseq=True)
        head = f"{method} {target} HTTP/1.1\r\n{self._head}"
        if chunks is None:
            payload = b"" if body is None else json.dumps(body).encode()
            request = f"{head}Content-Length: {len(payload)}\r\n\r\n".encode("latin-1") + payload
        else:
            request = f"{head}Transfer-Encoding: chunked\r\n\r\n".encode("latin-1")
            self.close()
        sent = Sent(self, request, method, self.base_url + path, operation)
        sent.timeout = timeout
        try:
            conn = self._connection()
            sent.reused = self._local.used
            conn.sock.sendall(request)
            if chunks is not None:
                for chunk in chunks:
                    if chunk:
                        conn.sock.sendall(b"%x\r\n%b\r\n" % (len(chunk), chunk))
                conn.sock.sendall(b"0\r\n\r\n")
        except (OSError, ValueError) as exc:
            self.close()
            sent.failure = exc
        else:
            self._local.unread = sent
        return sent

    def _settle(self) -> None:
        """Read the answer this thread has not asked for yet, and keep it for its asker."""
        unread = getattr(self._local, "unread", None)
        if unread is not None:
            unread.read()

    def _read(self, sent: Sent) -> tuple[int, bytes]:
        """The answer to `sent` (sent again once, on a new connection, when a kept-alive
        connection turns out closed)."""
        if getattr(self._local, "unread", None) is sent:
            self._local.unread = None
        for attempt in (1, 2):
            try:
                if sent.failure is not None:
                    raise sent.failure
                conn = self._connection()
                if attempt == 2:
                    conn.sock.sendall(sent.request)
                if sent.timeout is None:
                    status, content, close = conn.answer()
                else:
                    conn.sock.settimeout(sent.timeout)
                    try:
                        status, content, close = conn.answer()
                    finally:
                        conn.sock.settimeout(self._timeout)
            except (OSError, ValueError) as exc:
                self.close()
                if isinstance(exc, _RETRYABLE) and sent.reused and attempt == 1:
                    sent.failure = None
                    continue
                raise _transport_error(
                    self.base_url, sent.method, sent.url, exc, sent.operation
                ) from exc
            self._local.used = True
            if close:
                self.close()
            return status, content
        raise AssertionError("unreachable")  # pragma: no cover


class Sent:
    """A request sent whose answer is read when asked for (`LeanJson.send`)."""

    def __init__(
        self, lean: LeanJson, request: bytes, method: str, url: str, operation: str | None
    ) -> None:
        self.lean = lean
        self.request = request
        self.method = method
        self.url = url
        self.operation = operation
        self.reused = False
        self.timeout: float | None = None  # None: the client's
        self.failure: BaseException | None = None  # sending failed: raised when asked
        self._answer: tuple[int, bytes] | BaseException | None = None

    def ready(self) -> bool:
        """Whether asking for the answer would not wait: it has come (or failed)."""
        if self._answer is not None or self.failure is not None:
            return True
        conn = getattr(self.lean._local, "conn", None)
        if conn is None or getattr(self.lean._local, "unread", None) is not self:
            return True
        return bool(select.select([conn.sock], [], [], 0)[0])

    def read(self) -> None:
        """Read the answer off the connection (once), keeping it or the error."""
        if self._answer is None:
            try:
                self._answer = self.lean._read(self)
            except ApiError as exc:
                self._answer = exc

    def answer(self) -> Any:
        """The decoded JSON answer of a 2xx, else ApiError."""
        self.read()
        if isinstance(self._answer, BaseException):
            raise self._answer
        assert self._answer is not None
        status, content = self._answer
        if not 200 <= status < 300:
            raise ApiError.from_response(status, content, operation=self.operation, url=self.url)
        try:
            return json.loads(content) if content else None
        except ValueError as exc:
            raise ApiError(
                f"cannot read the server's answer ({exc})",
                status=status,
                operation=self.operation,
                url=self.url,
                body=content,
            ) from exc


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

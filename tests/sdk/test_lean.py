"""`DefaultApi.request_json`: the runner's plain-JSON path over its own HTTP/1.1 exchange, against
the session's real server and, for what that server never sends (chunked answers, closed
connections, 1xx), a small standard-library HTTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from torc import ApiError, make_api
from torc.lean import LeanJson


def test_round_trip_against_the_server(server: Any) -> None:
    api = make_api(server.url)
    workflow = api.request_json(
        "POST", "/workflows", {"name": "lean", "user": "me"}, operation="create_workflow"
    )
    assert workflow["name"] == "lean"
    again = api.request_json("GET", f"/workflows/{workflow['id']}")
    assert again == workflow
    listed = api.request_json("GET", "/workflows", params={"name": "lean", "limit": 1000})
    assert workflow["id"] in [item["id"] for item in listed["items"]]


def test_an_error_answer_is_an_api_error_with_the_servers_message(server: Any) -> None:
    api = make_api(server.url)
    with pytest.raises(ApiError) as caught:
        api.request_json("GET", "/workflows/987654321", operation="get_workflow")
    assert caught.value.status == 404
    assert "987654321" in str(caught.value)


def test_a_sent_request_is_answered_later_even_after_another(server: Any) -> None:
    """`send_json`: the answer waits until asked for; a request sent meanwhile reads it first
    and keeps it, so that each gets its own answer."""
    api = make_api(server.url)
    created = api.send_json(
        "POST", "/workflows", {"name": "later", "user": "me"}, operation="create_workflow"
    )
    missing = api.send_json("GET", "/workflows/987654321", operation="get_workflow")
    listed = api.request_json("GET", "/workflows", params={"name": "later", "limit": 1000})
    workflow = created.answer()
    assert workflow["name"] == "later"
    assert workflow["id"] in [item["id"] for item in listed["items"]]
    with pytest.raises(ApiError) as caught:
        missing.answer()
    assert caught.value.status == 404
    assert created.answer() == workflow  # asked again: the same answer


def test_a_body_sent_in_chunks_is_one_json_value(server: Any) -> None:
    """`chunks`: a body already encoded goes piece by piece (chunked transfer encoding) on a
    connection of its own; the kept one before it is not reused, and the next request is."""
    api = make_api(server.url)
    api.request_json("GET", "/workflows", params={"limit": 1})
    sent = api.send_json(
        "POST",
        "/workflows",
        chunks=iter([b'{"name": "in ', b"", b'chunks", ', b'"user": "me"}']),
        timeout=30,
        operation="create_workflow",
    )
    while not sent.ready():
        pass
    workflow = sent.answer()
    assert (workflow["name"], workflow["user"]) == ("in chunks", "me")
    assert api.request_json("GET", f"/workflows/{workflow['id']}")["name"] == "in chunks"


def test_an_unreachable_server_names_the_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = LeanJson(f"http://127.0.0.1:{port}/torc-service/v1", {}, timeout=5)
    with pytest.raises(ApiError) as caught:
        client.request("GET", "/ping")
    assert caught.value.status is None
    assert f"127.0.0.1:{port}" in str(caught.value)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[tuple[str, str, bytes, str]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Handler.seen.append((self.command, self.path, body, self.headers["Host"]))
        if self.path.endswith("/chunked"):
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            text = json.dumps({"echo": json.loads(body)}).encode()
            for piece in (text[:5], text[5:]):
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif self.path.endswith("/close"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b'{"closed": true}')
            self.close_connection = True
        else:  # announces more than it sends, then hangs up
            self.send_response(200)
            self.send_header("Content-Length", "50")
            self.end_headers()
            self.wfile.write(b'{"ok": true')
            self.close_connection = True

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def plain_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/base"
    httpd.shutdown()
    httpd.server_close()


def test_chunked_and_closing_answers_and_reconnects(plain_server: str) -> None:
    client = LeanJson(plain_server, {"Authorization": "Basic eDp5"}, timeout=5)
    assert client.request("POST", "/chunked", {"a": [1, 2]}) == {"echo": {"a": [1, 2]}}
    assert client.request("POST", "/close", {}) == {"closed": True}
    # the server closed that connection: the next request opens a new one
    assert client.request("POST", "/chunked", {"b": 1}) == {"echo": {"b": 1}}
    assert [(method, path) for method, path, _, _ in _Handler.seen] == [
        ("POST", "/base/chunked"),
        ("POST", "/base/close"),
        ("POST", "/base/chunked"),
    ]
    assert _Handler.seen[0][2] == b'{"a": [1, 2]}'
    assert _Handler.seen[0][3] == plain_server.split("/")[2]


def test_a_sent_request_goes_again_when_the_kept_connection_was_closed(
    plain_server: str,
) -> None:
    client = LeanJson(plain_server, {}, timeout=5)
    assert client.request("POST", "/chunked", {"a": 1}) == {"echo": {"a": 1}}
    client._local.conn.sock.shutdown(socket.SHUT_RDWR)  # as if the server had hung up
    sent = client.send("POST", "/chunked", {"b": 2})
    assert sent.answer() == {"echo": {"b": 2}}


def test_a_truncated_body_is_an_error_not_a_short_answer(plain_server: str) -> None:
    client = LeanJson(plain_server, {}, timeout=5)
    with pytest.raises(ApiError) as caught:
        client.request("POST", "/short", {})
    assert "closed the connection mid-answer" in str(caught.value)

"""A small HTTP/1.1 proxy on real sockets that loses one answer after the server processed it.

It forwards each request to the server, reads the whole answer, and for the first request that
`drops(request, answer)` picks it closes the client's connection instead of passing the answer
on: the server has committed the work, the client never hears of it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP message (head and Content-Length body) from `sock`; None at end of stream."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding":
            raise RuntimeError("the proxy handles Content-Length bodies only")
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


class DroppingProxy:
    def __init__(self, upstream_port: int, drops: Callable[[bytes, bytes], bool]) -> None:
        self.upstream_port = upstream_port
        self.drops = drops
        self.dropped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        from_client, from_server = bytearray(), bytearray()
        try:
            while True:
                request = _read_message(client, from_client)
                if request is None:
                    return
                upstream.sendall(request)
                answer = _read_message(upstream, from_server)
                if answer is None:
                    return
                with self._lock:
                    drop = not self.dropped.is_set() and self.drops(request, answer)
                    if drop:
                        self.dropped.set()
                if drop:
                    return  # the connection closes without the answer
                client.sendall(answer)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()

    def close(self) -> None:
        self._listener.close()

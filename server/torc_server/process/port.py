"""One server per port.

granian binds its listening socket with SO_REUSEPORT, so a second server on a port already served
would share it, and requests would alternate between two servers and two databases. Before
serving, `claim` binds the address the ordinary way (SO_REUSEADDR only, as a server without
SO_REUSEPORT would): that fails while any other process listens there.
"""

from __future__ import annotations

import errno
import socket


class PortTaken(Exception):
    """The address is served already (or cannot be bound); the message says which."""


def free_port(host: str) -> int:
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def resolve(host: str) -> str:
    """The IP address to bind for `host` (a name such as `localhost` or a login node's
    high-speed-network name becomes its first address, IPv4 preferred)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise PortTaken(f"cannot resolve the address {host!r}: {exc.strerror}") from exc
    infos.sort(key=lambda info: info[0] != socket.AF_INET)
    return str(infos[0][4][0])


def claim(ip: str, port: int) -> None:
    """Raise PortTaken unless `ip:port` is free to serve."""
    with socket.socket(_family(ip), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortTaken(
                    f"port {port} on {ip} is already in use (another torc-server?); "
                    "stop that server or choose another --port"
                ) from exc
            if exc.errno == errno.EACCES:
                raise PortTaken(
                    f"no permission to listen on port {port} (ports below 1024 need root); "
                    "choose another --port"
                ) from exc
            if exc.errno == errno.EADDRNOTAVAIL:
                raise PortTaken(
                    f"{ip} is not an address of this machine; choose another --host"
                ) from exc
            raise PortTaken(f"cannot listen on {ip}:{port}: {exc.strerror}") from exc

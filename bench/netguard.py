"""Keep the benchmark process on loopback: any other DNS lookup or connection is refused.

Peers may try the network on their own (newspaper4k downloads images unless told not to).
The guard makes such an attempt fail fast instead of leaving the machine, and counts it.
"""

from __future__ import annotations

import socket
from typing import Any

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost", ""})
blocked: list[str] = []
"""Every refused host, in order (reported in the results)."""

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _host_of(address: Any) -> str:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return "" if address is None else str(address)


def _check(host: str) -> None:
    if host not in LOOPBACK:
        blocked.append(host)
        raise OSError(f"bench: network access to {host!r} refused (loopback only)")


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    _check("" if host is None else str(host))
    return _real_getaddrinfo(host, *args, **kwargs)


def _connect(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(_host_of(address))
    _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(_host_of(address))
    return _real_connect_ex(self, address)


def install() -> None:
    """Refuse non-loopback lookups and connections in this process (idempotent)."""
    socket.getaddrinfo = _getaddrinfo  # type: ignore[assignment]
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]

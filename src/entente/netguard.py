"""Where a fetch may connect, and for how long: the transport every URL and feed fetch goes through.

* **Addresses.** Unless the user allows private targets (``entente ingest --allow-private``), a fetch
  connects only to public addresses: the host of every request (the first and each redirect) is
  resolved and *every* address it resolves to is checked; loopback, private, link-local, shared,
  reserved, multicast and unspecified addresses (IPv4, IPv6 and IPv4-mapped IPv6) are refused.  The
  check happens where the socket is opened, on the very address connected to, so a name that
  resolves differently the second time (DNS rebinding) cannot slip through.
* **Schemes.** Only ``http`` and ``https`` (a redirect to ``file:``, ``ftp:`` or ``javascript:`` is
  refused by the same hook).
* **One deadline per fetch.** :func:`deadline` sets a total time for everything a fetch does (connect,
  TLS, redirects, headers, body); every socket read and write gets at most the time left, so a
  server dripping a byte every few seconds cannot hold a fetch longer than that.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpcore
import httpx

ALLOWED_SCHEMES = ("http", "https")


class Refused(httpx.TransportError):
    """A request to a target the policy refuses (raised inside httpx, so a fetch reports it as a failure)."""


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a fetch may not connect to ``ip`` (a non-public address), else ``None``."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return "not a public address"
    return None


def scheme_problem(url: str) -> str | None:
    """Why ``url`` is not fetched for its scheme (only http and https are), else ``None``."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"only http(s) links are fetched, not {scheme + ':' if scheme else 'a link without a scheme'}"
    return None


def checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of ``host`` to connect to; :class:`Refused` when any of them is not public
    (unless ``allow_private``) or when the name does not resolve."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise httpcore.ConnectError(f"cannot resolve {host!r}: {e}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        for address in addresses:
            problem = address_problem(ipaddress.ip_address(address.split("%", 1)[0]))
            if problem is not None:
                raise Refused(f"refused to connect to {host} ({address}: {problem}); "
                              "pass --allow-private to fetch from private networks")
    return addresses


_LOCAL = threading.local()  # .end: the monotonic time the current fetch must end by


def _time_left(timeout: float | None) -> float | None:
    end = getattr(_LOCAL, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation of this thread's fetches within the next ``seconds`` seconds, together."""
    before = getattr(_LOCAL, "end", None)
    _LOCAL.end = time.monotonic() + seconds
    try:
        yield
    finally:
        _LOCAL.end = before


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to addresses the policy allows, each stream bound to the fetch's deadline."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in checked_addresses(host, port, self.allow_private):
            try:
                stream = super().connect_tcp(address, port, _time_left(timeout), local_address, socket_options)
            except httpcore.ConnectError as e:
                last = e
                continue
            return _DeadlineStream(stream)
        raise last or httpcore.ConnectError(f"no address for {host!r}")


def _check_scheme(request: httpx.Request) -> None:
    problem = scheme_problem(str(request.url))
    if problem is not None:
        raise Refused(problem, request=request)


def guarded_client(timeout: float, allow_private: bool = False, user_agent: str = "entente") -> httpx.Client:
    """An httpx client (redirects followed, at most 10) whose every connection follows the policy above."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):  # (httpx/httpcore changed: fail loudly, never open)
        raise RuntimeError("cannot install the address guard on this httpx version")
    pool._network_backend = _GuardedBackend(allow_private)
    return httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=10, transport=transport,
                        headers={"User-Agent": user_agent}, trust_env=False, event_hooks={"request": [_check_scheme]})

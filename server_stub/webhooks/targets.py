"""Where a webhook may be sent: the guard against server-side request forgery.

An owner types a URL and the cloud sends requests to it, so without a guard anyone with an
account could make the cloud call its own database, another tenant's internal service or the
cloud provider's metadata address. The rules, checked when an endpoint is saved and again before
every attempt (a name can point elsewhere tomorrow):

- ``https`` only. Plain ``http`` only to a loopback address, and only where the server allows
  loopback at all (``Settings.webhook_allow_loopback``: development and tests).
- The host name is resolved and every address it resolves to must be allowed; the request then
  goes to the address that was checked (``Target.address``, see ``sender``), not to a fresh
  look-up, so a name that changes its answer between the check and the connection (DNS
  rebinding) still reaches only a checked address.
- Never: unspecified (``0.0.0.0/8``, ``::``), multicast, reserved and broadcast addresses, and the
  cloud metadata addresses (``169.254.169.254``, ``fd00:ec2::254``).
- Loopback: only with the development exception above.
- Private (RFC 1918, ``100.64.0.0/10``, ``fc00::/7``) and link-local (``169.254.0.0/16``,
  ``fe80::/10``) and anything else not globally reachable: only when the owner ticked "allow a
  LAN target" for that endpoint (a receiver on the shop's own network).
- IPv6 addresses that carry an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, NAT64) are
  judged by the IPv4 address inside.
- No user name or password in the URL (they would be stored and shown in the clear).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

MAX_URL: Final = 2048
METADATA: Final = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
SHARED: Final = ipaddress.ip_network("100.64.0.0/10")
THIS_NETWORK: Final = ipaddress.ip_network("0.0.0.0/8")
NAT64: Final = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class TargetRefused(ValueError):
    """The URL may not be a webhook target; ``code`` names the rule (for the owner's words)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: where to connect (``address``) and what to call it (``host``)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str
    addresses: tuple[str, ...]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: list[str] = []
    for *_, sockaddr in found:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def _embedded(ip: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if it carries one."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def kind_of(ip: Address) -> str:
    """``public``, ``loopback``, ``lan`` or ``forbidden`` (what no setting allows). An IPv6
    address that carries an IPv4 address is what that IPv4 address is."""
    inner = _embedded(ip)
    return _kind(inner if inner is not None else ip)


def _kind(ip: Address) -> str:
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved or ip in METADATA:
        return "forbidden"
    if isinstance(ip, ipaddress.IPv4Address) and (ip in THIS_NETWORK or ip.packed == b"\xff" * 4):
        return "forbidden"
    if ip.is_private or ip.is_link_local or ip in SHARED or not ip.is_global:
        return "lan"
    return "public"


def _split(url: str) -> tuple[str, str, int, str]:
    if len(url) > MAX_URL:
        raise TargetRefused("url", f"the URL is longer than {MAX_URL} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise TargetRefused("url", "the URL cannot be read") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise TargetRefused("scheme", "the URL must start with https://")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("credentials", "the URL must not carry a user name or password")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise TargetRefused("url", "the URL has no host")
    try:
        host.encode("idna")
    except UnicodeError:
        raise TargetRefused("url", "the host name is not valid") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), path


def check(
    url: str,
    *,
    allow_lan: bool,
    allow_loopback: bool,
    resolver: Resolver = resolve,
) -> Target:
    """The checked target of ``url``, or :class:`TargetRefused` saying which rule it breaks."""
    scheme, host, port, path = _split(url)
    try:
        found = list(resolver(host, port))
    except (OSError, UnicodeError) as exc:
        raise TargetRefused("resolve", f"{host} cannot be resolved: {exc}") from None
    if not found:
        raise TargetRefused("resolve", f"{host} resolves to no address")
    kinds = set()
    for text in found:
        kind = kind_of(ipaddress.ip_address(text))
        kinds.add(kind)
        if kind == "forbidden":
            raise TargetRefused("address", f"{host} resolves to {text}, which is never allowed")
        if kind == "loopback" and not allow_loopback:
            raise TargetRefused("loopback", f"{host} resolves to {text}, this server itself")
        if kind == "lan" and not allow_lan:
            raise TargetRefused(
                "lan", f"{host} resolves to {text}, a private address: allow a LAN target"
            )
    if scheme == "http" and kinds != {"loopback"}:
        raise TargetRefused("scheme", "the URL must start with https://")
    return Target(scheme, host, port, path, found[0], tuple(found))

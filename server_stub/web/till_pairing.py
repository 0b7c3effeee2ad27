"""The ``pos-pair:`` link the Kasir & perangkat page shows as text and as a QR code.

The till reads it with ``pos_desktop.sync.pairing_link.parse_pairing_link``; the cloud may not
import the till's sync package, so the format is written here from that module's spec (a URI
with an empty path and a query: ``server`` the cloud's base URL, ``code`` the enrollment code,
``till`` an optional till code), and a test holds that the till reads back every link made here.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode, urlsplit

import segno
from markupsafe import Markup

PREFIX = "pos-pair:"


def pairing_link(server: str, code: str, till_code: str | None = None) -> str:
    """``pos-pair:?server=...&code=...[&till=...]`` for the cloud at ``server``."""
    params = {"server": server.strip().rstrip("/"), "code": code.strip()}
    if till_code:
        params["till"] = till_code
    return f"{PREFIX}?{urlencode(params)}"


def _loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def till_accepts(server: str) -> bool:
    """Whether a till takes this address: https, or plain http to its own machine only (the
    till refuses anything else, so the page says so instead of showing a link that fails)."""
    parts = urlsplit(server)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    return parts.scheme == "https" or _loopback(parts.hostname)


def qr_svg(text: str) -> Markup:
    """``text`` as an inline SVG QR code: presentation attributes only, no ``style=``, so the
    page's Content-Security-Policy holds."""
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return Markup(svg)  # noqa: S704 - segno's own SVG of a link the cloud made, escaped by urlencode

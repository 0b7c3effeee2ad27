"""Which cloud servers the till talks to, and how: https everywhere but loopback, always verified.

Plain http is allowed only to this machine (127.0.0.0/8, ``::1``, ``localhost``): a demo or a
test server. Anything else must be https, and certificate verification is never turned off; a
self-hosted server with its own CA is trusted by naming that CA's bundle (``[sync] ca_bundle``).
"""

from __future__ import annotations

import ipaddress
import ssl
from pathlib import Path
from urllib.parse import urlsplit

from pos_desktop.domain.errors import UserError


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """The server's base URL, normalised (no trailing slash); refuses what would be unsafe."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError("sync.bad_server_url", url=text)
    if parts.query or parts.fragment or parts.username or parts.password:
        raise UserError("sync.bad_server_url", url=text)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise UserError("sync.https_required", url=text)
    return text.rstrip("/")


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """A verifying TLS context: the system's CAs, or only those in ``ca_bundle``."""
    if ca_bundle is None:
        return ssl.create_default_context()
    if not ca_bundle.is_file():
        raise UserError("sync.ca_bundle_missing", path=str(ca_bundle))
    context = ssl.create_default_context(cafile=str(ca_bundle))
    # Belt and braces: the defaults already verify; make it explicit that nothing relaxes it.
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context

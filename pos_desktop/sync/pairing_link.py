"""The ``pos-pair:`` link: a cloud address and a one-time enrollment code in one string.

Store IT pastes it into the first-start dialog (or a scanner types it from the QR code the owner's
back office shows), so the two things that must match arrive together and nobody retypes a URL.
The format is a URI with an empty path and a query, so any URL library can build or read it::

    pos-pair:?server=https%3A%2F%2Fcloud.example.co.id&code=ABCD-EFGH
    pos-pair:?server=https%3A%2F%2Fcloud.example.co.id&code=ABCD-EFGH&till=T02

``server`` is the cloud's base URL (percent-encoded), ``code`` the enrollment code, ``till`` an
optional till code to take. Unknown parameters are ignored so later versions can add some; each
known one may appear once. The server address passes the same checks as one typed by hand
(``sync.urls.check_server_url``): https except on this machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from pos_desktop.domain.errors import UserError
from pos_desktop.sync.urls import check_server_url

SCHEME = "pos-pair"
PREFIX = f"{SCHEME}:"
MAX_LENGTH = 2048
"""Longer than any real link; a pasted document is refused before it is parsed."""

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{3,63}")
_TILL = re.compile(r"[A-Za-z0-9_-]{1,16}")


@dataclass(frozen=True, slots=True)
class PairingLink:
    server: str
    code: str
    till_code: str | None = None


def looks_like_link(text: str) -> bool:
    """Whether ``text`` is meant as a pairing link (then it must parse, or be refused)."""
    return text.strip().lower().startswith(PREFIX)


def parse_pairing_link(text: str) -> PairingLink:
    """The server, code and till in ``text``; ``UserError("pairing.bad_link")`` otherwise.

    A server address the till would refuse raises that refusal (``sync.bad_server_url``,
    ``sync.https_required``), which says more than "bad link".
    """
    raw = text.strip()
    if len(raw) > MAX_LENGTH or not looks_like_link(raw):
        raise UserError("pairing.bad_link")
    rest = raw[len(PREFIX) :]
    if rest.startswith("//"):
        raise UserError("pairing.bad_link")
    if rest.startswith("?"):
        rest = rest[1:]
    try:
        params = parse_qs(rest, keep_blank_values=True, strict_parsing=True, max_num_fields=16)
    except ValueError as exc:
        raise UserError("pairing.bad_link") from exc
    server = _single(params, "server")
    code = _single(params, "code")
    if server is None or code is None or not _CODE.fullmatch(code):
        raise UserError("pairing.bad_link")
    till = _single(params, "till")
    if till is not None and not _TILL.fullmatch(till):
        raise UserError("pairing.bad_link")
    return PairingLink(server=check_server_url(server), code=code, till_code=till)


def _single(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    if values is None:
        return None
    if len(values) != 1 or not values[0].strip():
        raise UserError("pairing.bad_link")
    return values[0].strip()


def build_pairing_link(server: str, code: str, till_code: str | None = None) -> str:
    """The link for ``server`` and ``code`` (what the back office shows as a QR code).

    Checked the way ``parse_pairing_link`` checks it, so a link that was built always reads back.
    """
    params = {"server": check_server_url(server), "code": code.strip()}
    if till_code:
        params["till"] = till_code
    link = f"{PREFIX}?{urlencode(params)}"
    parse_pairing_link(link)
    return link

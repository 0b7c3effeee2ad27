"""QR codes as inline SVG (segno), for the TOTP enrollment and any page that shows a link to
scan (pairing a till). Inline SVG needs no image route and passes the CSP; it carries no
``style`` attribute, and its size comes from ``app.css`` (``.qr svg``) through its viewBox."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(text: str) -> Markup:
    """The QR code of ``text`` as an ``<svg>`` element, safe to put in a template as is.

    segno writes only the modules' path and a title-less ``<svg>``; ``text`` is encoded into
    the path, never written into the markup, so it needs no escaping."""
    svg = segno.make(text, error="m").svg_inline(omitsize=True, dark="#000", light="#fff")
    return Markup(svg)  # noqa: S704 - segno's own markup, no text of ours in it

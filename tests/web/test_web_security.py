"""What every back-office answer and template holds to: the CSP and security headers, no
inline script or style anywhere, every word a template asks for exists in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from server_stub.web import i18n
from server_stub.web.format import fmt_date, fmt_datetime, fmt_number, rupiah, store_today
from server_stub.web.security import CSP
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, sign_in_owner

WEB = Path(__file__).resolve().parents[2] / "server_stub" / "web"
TEMPLATES = sorted((WEB / "templates").rglob("*.html"))


def test_security_headers_on_pages_errors_and_sign_in(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    answers = [client.get("/app/signin"), client.get("/app/", follow_redirects=False)]
    sign_in_owner(client, owner, clock)
    answers += [
        client.get("/app/"),
        client.get("/app/stores"),
        client.get("/app/no-such-page"),
        client.get("/app/static/app.css"),
    ]
    for r in answers:
        assert r.headers["content-security-policy"] == CSP, r.url
        assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert answers[4].status_code == 404 and "text/html" in answers[4].headers["content-type"]
    assert "no-store" in answers[2].headers["cache-control"]


def test_the_api_keeps_its_problem_documents(client: TestClient) -> None:
    r = client.get("/v1/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "content-security-policy" not in r.headers


def test_the_back_office_is_not_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p == "/" or p.startswith("/app")]


def test_no_inline_script_or_style_in_any_template() -> None:
    assert TEMPLATES
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
            assert "src=" in tag, f"{path.name}: inline <script>"
        assert not re.search(r"\sstyle\s*=", text, flags=re.IGNORECASE), f"{path.name}: style="
        assert "<style" not in text.lower(), f"{path.name}: <style>"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{path.name}: inline event handler"
        assert "hx-on" not in text, f"{path.name}: hx-on runs inline code"


def test_every_word_used_in_templates_exists_in_both_languages() -> None:
    words = i18n.all_words()
    used: set[str] = set()
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']\s*[),]""", text))
    missing = sorted(k for k in used if k not in words)
    assert not missing, missing
    for key, (indonesian, english) in words.items():
        assert indonesian.strip() and english.strip(), key


def test_words_modules_agree() -> None:
    import importlib
    import pkgutil

    from server_stub.web import words

    seen: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(words.__path__):
        module = importlib.import_module(f"{words.__name__}.{info.name}")
        for key, pair in module.WORDS.items():
            assert seen.setdefault(key, pair) == pair, f"{key} differs in {info.name}"


def test_formats() -> None:
    from datetime import UTC, date, datetime

    assert rupiah(12500) == "Rp12.500"
    assert rupiah(-1500) == "-Rp1.500"
    assert fmt_number(1234567) == "1.234.567"
    assert fmt_date(date(2026, 12, 7)) == "07/12/2026"
    moment = datetime(2026, 12, 7, 7, 5, tzinfo=UTC)
    assert fmt_datetime(moment, "Asia/Jakarta") == "07/12/2026 14:05 WIB"
    assert fmt_datetime(moment, "Asia/Makassar") == "07/12/2026 15:05 WITA"
    assert fmt_datetime(moment, "Asia/Jayapura") == "07/12/2026 16:05 WIT"
    late = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)  # 00:30 WIB on the 8th
    assert store_today("Asia/Jakarta", late) == date(2026, 12, 8)

"""The ``pos-pair:`` link: what the back office builds reads back, and a bad link says so."""

from __future__ import annotations

import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.sync.pairing_link import (
    PairingLink,
    build_pairing_link,
    looks_like_link,
    parse_pairing_link,
)


def test_a_built_link_reads_back() -> None:
    link = build_pairing_link("https://cloud.example.co.id/", "ABCD-EFGH")
    assert link == "pos-pair:?server=https%3A%2F%2Fcloud.example.co.id&code=ABCD-EFGH"
    assert parse_pairing_link(link) == PairingLink("https://cloud.example.co.id", "ABCD-EFGH")


def test_a_link_may_name_the_till_and_a_port() -> None:
    link = build_pairing_link("https://10.0.0.5:8443", "ABCD-EFGH", "T02")
    assert parse_pairing_link(link) == PairingLink("https://10.0.0.5:8443", "ABCD-EFGH", "T02")


def test_a_pasted_link_may_carry_spaces_an_unencoded_address_and_unknown_parameters() -> None:
    text = "  POS-PAIR:?code=ABCD-EFGH&server=http://127.0.0.1:8765&v=2\n"
    assert looks_like_link(text)
    assert parse_pairing_link(text) == PairingLink("http://127.0.0.1:8765", "ABCD-EFGH")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://cloud.example.co.id",
        "pos-pair:",
        "pos-pair:?server=https%3A%2F%2Fcloud.example.co.id",
        "pos-pair:?code=ABCD-EFGH",
        "pos-pair:?server=&code=ABCD-EFGH",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=AB",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=ABCD EFGH",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=ABCD-EFGH&code=WXYZ-2345",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=ABCD-EFGH&till=T%2F1",
        "pos-pair:?server=https%3A%2F%2Fa.example&&code",
        "pos-pair://cloud.example.co.id/ABCD-EFGH",
        "pos-pair:?server=https%3A%2F%2Fa.example&code=ABCD-EFGH" + "&x=1" * 20,
        "pos-pair:?code=ABCD-EFGH&server=" + "a" * 3000,
    ],
)
def test_a_bad_link_is_refused_as_a_bad_link(text: str) -> None:
    with pytest.raises(UserError) as info:
        parse_pairing_link(text)
    assert info.value.code == "pairing.bad_link"


@pytest.mark.parametrize(
    ("server", "code"),
    [
        ("ftp%3A%2F%2Fcloud.example", "sync.bad_server_url"),
        ("http%3A%2F%2Fcloud.example.co.id", "sync.https_required"),
    ],
)
def test_a_link_to_a_server_the_till_would_refuse_says_why(server: str, code: str) -> None:
    with pytest.raises(UserError) as info:
        parse_pairing_link(f"pos-pair:?server={server}&code=ABCD-EFGH")
    assert info.value.code == code


def test_building_a_link_checks_what_goes_in() -> None:
    with pytest.raises(UserError):
        build_pairing_link("http://cloud.example.co.id", "ABCD-EFGH")
    with pytest.raises(UserError):
        build_pairing_link("https://cloud.example.co.id", "?")

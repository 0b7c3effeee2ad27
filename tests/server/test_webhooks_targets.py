"""The guard against server-side request forgery: which URLs a webhook may go to, checked with a
resolver the test controls (so no test depends on the network's DNS)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from server_stub.webhooks import targets
from server_stub.webhooks.targets import TargetRefused


def resolver(*addresses: str) -> targets.Resolver:
    def resolve(host: str, port: int) -> Sequence[str]:
        return list(addresses)

    return resolve


def check(url: str, *addresses: str, lan: bool = False, loopback: bool = False) -> targets.Target:
    return targets.check(url, allow_lan=lan, allow_loopback=loopback, resolver=resolver(*addresses))


def refused(url: str, *addresses: str, lan: bool = False, loopback: bool = False) -> str:
    with pytest.raises(TargetRefused) as caught:
        check(url, *addresses, lan=lan, loopback=loopback)
    return caught.value.code


def test_a_public_https_target_is_checked_and_pinned() -> None:
    target = check("https://hooks.example.com:8443/pos?x=1", "93.184.215.14")
    assert (target.scheme, target.host, target.port) == ("https", "hooks.example.com", 8443)
    assert target.path == "/pos?x=1"
    assert target.address == "93.184.215.14"
    assert check("https://[2606:4700::1111]/", "2606:4700::1111").port == 443


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.20",
        "100.64.0.1",  # carrier-grade NAT
        "169.254.10.10",  # link-local
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:192.168.1.20",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "2002:c0a8:0101::1",  # 6to4 of 192.168.1.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_private_and_link_local_addresses_need_allow_lan(address: str) -> None:
    assert refused("https://printer.local/", address) == "lan"
    assert check("https://printer.local/", address, lan=True).address == address


@pytest.mark.parametrize(
    "address",
    [
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "224.0.0.1",
        "ff02::1",
        "240.0.0.1",
        "255.255.255.255",
        "169.254.169.254",  # cloud metadata
        "fd00:ec2::254",
        "::ffff:169.254.169.254",
    ],
)
def test_unspecified_multicast_reserved_and_metadata_addresses_are_never_allowed(
    address: str,
) -> None:
    assert refused("https://x.example/", address, lan=True, loopback=True) == "address"


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.8.8", "::1", "::ffff:127.0.0.1"])
def test_loopback_only_with_the_development_exception(address: str) -> None:
    assert refused("https://localhost/", address) == "loopback"
    assert refused("https://localhost/", address, lan=True) == "loopback"
    assert check("https://localhost/", address, loopback=True).address == address
    assert check("http://localhost:8080/h", address, loopback=True).scheme == "http"


def test_plain_http_only_to_loopback() -> None:
    assert refused("http://hooks.example.com/", "93.184.215.14") == "scheme"
    assert refused("http://printer.local/", "192.168.1.5", lan=True) == "scheme"
    assert refused("ftp://hooks.example.com/", "93.184.215.14") == "scheme"
    assert refused("file:///etc/passwd") == "scheme"


def test_every_address_a_name_resolves_to_must_be_allowed() -> None:
    """A name answering one public and one private address (a rebinding trick) is refused."""
    assert refused("https://evil.example/", "93.184.215.14", "10.0.0.5") == "lan"
    assert refused("https://evil.example/", "93.184.215.14", "127.0.0.1") == "loopback"


def test_unreadable_urls_credentials_and_unresolvable_hosts_are_refused() -> None:
    assert refused("https://user:pw@hooks.example.com/", "93.184.215.14") == "credentials"
    assert refused("https:///nohost", "93.184.215.14") == "url"
    assert refused("https://hooks.example.com:99999/", "93.184.215.14") == "url"
    assert refused("https://" + "a" * 2100 + ".com/", "93.184.215.14") == "url"
    assert refused("https://nowhere.example/") == "resolve"

    def failing(host: str, port: int) -> Sequence[str]:
        raise OSError("Name or service not known")

    with pytest.raises(TargetRefused) as caught:
        targets.check(
            "https://nowhere.example/", allow_lan=False, allow_loopback=False, resolver=failing
        )
    assert caught.value.code == "resolve"


def test_the_real_resolver_answers_literal_addresses() -> None:
    assert targets.resolve("127.0.0.1", 80) == ["127.0.0.1"]
    assert targets.check("http://127.0.0.1:9/", allow_lan=False, allow_loopback=True).address == (
        "127.0.0.1"
    )
    with pytest.raises(TargetRefused):
        targets.check("https://10.0.0.1/", allow_lan=False, allow_loopback=True)

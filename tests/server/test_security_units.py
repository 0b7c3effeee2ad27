"""TOTP, access tokens, credentials and throttle policy, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server_stub.core.security import credentials, passwords, throttle, tokens, totp

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


@pytest.mark.parametrize(
    ("unix", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
    ],
)
def test_totp_matches_rfc6238_sha1_vectors(unix: int, expected: str) -> None:
    assert totp.hotp(RFC_SECRET, unix // 30, digits=8) == expected


def test_totp_accepts_one_step_of_drift_and_no_more() -> None:
    now = datetime(2026, 1, 1, 12, 0, 10, tzinfo=UTC)
    secret = totp.new_secret()
    for offset, ok in ((-60, False), (-30, True), (0, True), (30, True), (60, False)):
        code = totp.code_at(secret, now + timedelta(seconds=offset))
        assert (totp.verify(secret, code, now, after_step=None) is not None) is ok, offset


def test_totp_never_accepts_a_step_twice_or_an_older_one() -> None:
    now = datetime(2026, 1, 1, 12, 0, 10, tzinfo=UTC)
    secret = totp.new_secret()
    step = totp.verify(secret, totp.code_at(secret, now), now, after_step=None)
    assert step == totp.step_at(now)
    assert totp.verify(secret, totp.code_at(secret, now), now, after_step=step) is None
    earlier = totp.code_at(secret, now - timedelta(seconds=30))
    assert totp.verify(secret, earlier, now, after_step=step) is None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦", " 12 34 5"])
def test_totp_refuses_malformed_codes(code: str) -> None:
    assert totp.verify(totp.new_secret(), code, datetime.now(UTC), after_step=None) is None


def test_provisioning_uri_carries_the_secret_and_issuer() -> None:
    uri = totp.provisioning_uri("ABCDEF", "owner@toko.id")
    assert uri.startswith("otpauth://totp/POS%20Cloud:owner@toko.id?")
    assert "secret=ABCDEF" in uri and "period=30" in uri and "digits=6" in uri


def test_access_tokens_verify_and_refuse_forgery_and_expiry() -> None:
    key = tokens.derive_key(b"s" * 32, "access-token-v1")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    claims = tokens.AccessClaims(
        "u1", "o1", "owner", int(now.timestamp()), int(now.timestamp()) + 60
    )
    token = tokens.sign(key, claims)
    assert tokens.verify(key, token, now) == claims
    assert tokens.verify(key, token, now + timedelta(seconds=60)) is None
    other_key = tokens.derive_key(b"t" * 32, "access-token-v1")
    assert tokens.verify(other_key, token, now) is None
    head, payload, mac = token.split(".")
    forged_payload = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB")
    assert tokens.verify(key, f"{head}.{forged_payload}.{mac}", now) is None
    for junk in ("", "at1", "at1..", "at1.e30.", "x.y.z", "at1.éé.éé", token + ".x"):
        assert tokens.verify(key, junk, now) is None


def test_keys_are_separated_by_purpose() -> None:
    secret = b"k" * 32
    assert tokens.derive_key(secret, "a") != tokens.derive_key(secret, "b")


def test_enrollment_codes_are_short_typable_and_normalized() -> None:
    codes = {credentials.new_enrollment_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert set(code.replace("-", "")) <= set(credentials.ENROLLMENT_ALPHABET)
        assert credentials.normalize_enrollment_code(f" {code.lower()} ") == code.replace("-", "")
    for bad in ("", "ABCD", "ABCD-EFG0", "ABCD-EFGHI", "ABCDEFGO", "ÄBCDEFGH"):
        assert credentials.normalize_enrollment_code(bad) is None


def test_device_tokens_parse_to_their_organization() -> None:
    org = "0" * 32
    device_id = credentials.new_device_id(org)
    secret = credentials.new_secret()
    assert credentials.parse_bearer_secret(f"{device_id}.{secret}") == (org, device_id, secret)
    for bad in (device_id, f"{device_id}.", f"x_{device_id}.{secret}", f"{org}.{secret}", "..."):
        assert credentials.parse_bearer_secret(bad) is None
    assert credentials.secrets_match(credentials.hash_secret(secret), secret)
    assert not credentials.secrets_match(credentials.hash_secret(secret), secret + "x")


def test_password_hashes_verify_only_the_right_password() -> None:
    stored = passwords.hash_password("rahasia-sekali")
    assert passwords.verify_password(stored, "rahasia-sekali")
    assert not passwords.verify_password(stored, "rahasia-sekalI")
    assert not passwords.verify_password(None, "anything")
    assert not passwords.verify_password("not a hash", "anything")


def test_throttle_delays_grow_and_stay_capped() -> None:
    policy = throttle.ACCOUNT
    delays = [policy.delay_after(n) for n in range(1, 40)]
    assert delays[: policy.free_attempts - 1] == [0.0] * (policy.free_attempts - 1)
    assert delays == sorted(delays)
    assert max(delays) == policy.max_delay_s == 60
    assert throttle.ADDRESS.delay_after(100) == 900

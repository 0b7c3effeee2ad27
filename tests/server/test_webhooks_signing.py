"""Signing and verifying as the Standard Webhooks specification has it, checked against the
reference test vectors published with the specification (standard-webhooks/standard-webhooks,
the libraries' own tests: the same secret, message id, timestamp, body and signature in every
language), used here as data only."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from server_stub.webhooks import signing

# The specification's reference vector.
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_BODY = '{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
# Signatures the reference tests expect to be refused: one byte off, and another message's.
VECTOR_WRONG = (
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=",
    "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
)
AT_VECTOR = datetime.fromtimestamp(VECTOR_TIMESTAMP, UTC)


def _headers(signature: str, timestamp: int = VECTOR_TIMESTAMP) -> dict[str, str]:
    return {
        "webhook-id": VECTOR_ID,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature,
    }


def test_signing_matches_the_reference_vector() -> None:
    body = VECTOR_BODY.encode()
    assert signing.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, body) == VECTOR_SIGNATURE
    # The secret without its prefix is the same key (the reference libraries accept both).
    bare = VECTOR_SECRET.removeprefix("whsec_")
    assert signing.sign(bare, VECTOR_ID, VECTOR_TIMESTAMP, body) == VECTOR_SIGNATURE
    headers = signing.headers([VECTOR_SECRET], VECTOR_ID, VECTOR_TIMESTAMP, body)
    assert headers == _headers(VECTOR_SIGNATURE)


def test_the_reference_vector_verifies_and_returns_the_body() -> None:
    payload = signing.verify(VECTOR_SECRET, VECTOR_BODY, _headers(VECTOR_SIGNATURE), now=AT_VECTOR)
    assert payload == {"test": 2432232314}


@pytest.mark.parametrize("wrong", VECTOR_WRONG)
def test_the_reference_wrong_signatures_are_refused(wrong: str) -> None:
    with pytest.raises(signing.VerificationError):
        signing.verify(VECTOR_SECRET, VECTOR_BODY, _headers(wrong), now=AT_VECTOR)


def test_one_good_signature_among_several_verifies() -> None:
    """As the reference multi-signature case: unknown versions and wrong v1s are skipped."""
    offered = " ".join(
        [VECTOR_WRONG[1], "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", VECTOR_SIGNATURE]
    )
    payload = signing.verify(VECTOR_SECRET, VECTOR_BODY, _headers(offered), now=AT_VECTOR)
    assert payload["test"] == 2432232314


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_a_missing_header_is_refused(missing: str) -> None:
    headers = _headers(VECTOR_SIGNATURE)
    del headers[missing]
    with pytest.raises(signing.VerificationError):
        signing.verify(VECTOR_SECRET, VECTOR_BODY, headers, now=AT_VECTOR)


def test_a_timestamp_outside_five_minutes_is_refused_either_way() -> None:
    headers = _headers(VECTOR_SIGNATURE)
    for off in (timedelta(minutes=5, seconds=1), -timedelta(minutes=5, seconds=1)):
        with pytest.raises(signing.VerificationError):
            signing.verify(VECTOR_SECRET, VECTOR_BODY, headers, now=AT_VECTOR + off)
    for off in (timedelta(minutes=5), -timedelta(minutes=5)):
        signing.verify(VECTOR_SECRET, VECTOR_BODY, headers, now=AT_VECTOR + off)
    bad = _headers(VECTOR_SIGNATURE, timestamp=0) | {"webhook-timestamp": "hello"}
    with pytest.raises(signing.VerificationError):
        signing.verify(VECTOR_SECRET, VECTOR_BODY, bad, now=AT_VECTOR)


def test_a_changed_body_or_id_is_refused() -> None:
    with pytest.raises(signing.VerificationError):
        signing.verify(
            VECTOR_SECRET, '{"test": 2432232315}', _headers(VECTOR_SIGNATURE), now=AT_VECTOR
        )
    other = _headers(VECTOR_SIGNATURE) | {"webhook-id": "msg_other"}
    with pytest.raises(signing.VerificationError):
        signing.verify(VECTOR_SECRET, VECTOR_BODY, other, now=AT_VECTOR)


def test_new_secrets_are_prefixed_32_random_bytes() -> None:
    one, two = signing.new_secret(), signing.new_secret()
    assert one != two
    assert one.startswith("whsec_")
    assert len(base64.b64decode(one.removeprefix("whsec_"))) == 32


def test_during_a_rotation_either_secret_verifies() -> None:
    old, new = signing.new_secret(), signing.new_secret()
    body = b'{"type":"sale.created"}'
    headers = signing.headers([new, old], "msg_1", VECTOR_TIMESTAMP, body)
    assert len(headers["webhook-signature"].split()) == 2
    for secret in (old, new):
        signing.verify(secret, body, headers, now=AT_VECTOR)
    with pytest.raises(signing.VerificationError):
        signing.verify(signing.new_secret(), body, headers, now=AT_VECTOR)

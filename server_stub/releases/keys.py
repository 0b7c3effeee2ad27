"""The release roles' signing keys, as PEM files in two folders.

TUF's point is that one stolen key is not enough: root (who may sign what) and targets (which
files are releases) sign rarely and live in a folder the operator keeps offline (an encrypted USB
stick), while snapshot and timestamp sign on every publish and every timestamp refresh, so they
live on the server. A stolen online key can at most delay updates until the timestamp expires;
it cannot make a till install a file the targets key did not sign.

Keys are Ed25519, generated and used through securesystemslib's ``CryptoSigner`` (pyca/
cryptography underneath); nothing here does cryptography by hand. Offline keys are encrypted
with the passphrase in ``POS_RELEASE_PASSPHRASE`` when it is set.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from securesystemslib.signer import CryptoSigner

log = logging.getLogger(__name__)

OFFLINE_ROLES = ("root", "targets")
ONLINE_ROLES = ("snapshot", "timestamp")
PASSPHRASE_ENV = "POS_RELEASE_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret


class KeyProblem(Exception):
    """A key file is missing, unreadable or exists already; the message says which."""


def _passphrase(role: str) -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode() if value and role in OFFLINE_ROLES else None


def key_path(folder: Path, role: str) -> Path:
    return folder / f"{role}.pem"


def generate(folder: Path, role: str) -> CryptoSigner:
    """A new Ed25519 key for ``role`` written to ``folder`` (owner-only); never overwrites."""
    path = key_path(folder, role)
    if path.exists():
        raise KeyProblem(f"{path} exists already; refusing to replace a signing key")
    folder.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    signer = CryptoSigner(private)
    secret = _passphrase(role)
    pem = private.private_bytes(
        Encoding.PEM,
        PrivateFormat.PKCS8,
        BestAvailableEncryption(secret) if secret else NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    log.info("new %s key %s in %s", role, signer.public_key.keyid[:12], path)
    return signer


def load(folder: Path, role: str) -> CryptoSigner:
    """The signer of ``role`` from ``folder``."""
    path = key_path(folder, role)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyProblem(f"cannot read the {role} key {path}: {exc.strerror}") from exc
    try:
        private = load_pem_private_key(data, password=_passphrase(role))
    except (ValueError, TypeError) as exc:
        raise KeyProblem(f"cannot load the {role} key {path}: {exc}") from exc
    return CryptoSigner(private)


def retire(folder: Path, role: str, keyid: str) -> Path:
    """Move ``role``'s key aside (never deleted: metadata it signed may still need checking),
    so ``generate`` can write its successor."""
    path = key_path(folder, role)
    retired = folder / f"{role}.retired-{keyid[:12]}.pem"
    if not path.exists():
        raise KeyProblem(f"no {role} key at {path}")
    os.replace(path, retired)
    log.info("%s key %s retired to %s", role, keyid[:12], retired)
    return retired

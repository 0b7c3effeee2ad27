"""Where the till's device credential lives: the OS keyring, or an owner-only file by choice.

The credential (``<device_id>.<secret>``) is what the cloud trusts this till by, so it is kept
out of the database (a backup or a copied ``till.db`` must not carry it) and out of plaintext by
default. On a machine with no usable keyring backend (a headless Linux till has none) pairing
stops and says what to do: set up an OS keyring, or choose the file store in the config. The
file store is never a silent fallback; it writes with mode 0600 and logs that it did.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Protocol

from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

SERVICE = "pos-desktop"
"""The keyring service name; the user name is the device id."""
FILE_MODE = 0o600


class CredentialStore(Protocol):
    description: str

    def save(self, device_id: str, secret: str) -> None: ...

    def load(self, device_id: str) -> str | None: ...

    def delete(self, device_id: str) -> None: ...


def _refusal(backend: object, config_file: Path | None) -> UserError | None:
    """Why a keyring backend cannot hold the credential, or ``None`` when it can.

    Each answer names both ways out (a working OS keyring, or the file store by its exact
    setting) in the words of the person at the till, so nothing here is English prose.
    """
    module = type(backend).__module__
    name = type(backend).__name__
    config = str(config_file or "config.toml")
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return UserError("sync.no_keyring", config=config)
    if module.startswith("keyrings.alt") and ("Plaintext" in name or "Uncrypted" in name):
        return UserError("sync.keyring_unusable", backend=name, config=config)
    priority = getattr(backend, "priority", 1)
    if isinstance(priority, int | float) and priority <= 0:
        return UserError("sync.keyring_unusable", backend=name, config=config)
    return None


class KeyringStore:
    """The OS keyring (Windows Credential Locker, macOS Keychain, Secret Service)."""

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring
        backend = keyring.get_keyring()
        self.description = f"OS keyring ({type(backend).__name__})"

    def check(self, config_file: Path | None) -> None:
        """Refuse now, before a single-use enrollment code is spent, if nothing can be stored."""
        refusal = _refusal(self._keyring.get_keyring(), config_file)
        if refusal is not None:
            raise refusal

    def save(self, device_id: str, secret: str) -> None:
        from keyring.errors import KeyringError

        try:
            self._keyring.set_password(SERVICE, device_id, secret)
        except KeyringError as exc:
            log.error("keyring refused the credential: %s", exc)
            raise UserError("sync.keyring_refused", reason=str(exc), config="config.toml") from exc

    def load(self, device_id: str) -> str | None:
        from keyring.errors import KeyringError

        try:
            value: str | None = self._keyring.get_password(SERVICE, device_id)
        except KeyringError as exc:
            log.error("keyring unreadable: %s", exc)
            return None
        return value

    def delete(self, device_id: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self._keyring.delete_password(SERVICE, device_id)
        except (PasswordDeleteError, KeyringError):
            log.debug("no keyring entry for %s to delete", device_id)


class FileStore:
    """An owner-only JSON file, for tills without an OS keyring, chosen in the config."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"file {path} (owner-only)"

    def check(self, config_file: Path | None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def save(self, device_id: str, secret: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + ".tmp")
        data = json.dumps({"device_id": device_id, "secret": secret}).encode("utf-8")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # the umask or an old file may have left wider bits
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, self.path)
        log.warning(
            "device credential written to %s (mode 0600), as [sync] credential_store = 'file' "
            "asks; anyone with this user's access to the file can act as this till",
            self.path,
        )

    def load(self, device_id: str) -> str | None:
        try:
            mode = self.path.stat().st_mode & 0o777
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.error("credential file %s unreadable: %s", self.path, exc)
            return None
        if mode & 0o077:
            log.warning("credential file %s is readable by others (mode %o)", self.path, mode)
        if not isinstance(raw, dict) or raw.get("device_id") != device_id:
            log.error("credential file %s is for another device", self.path)
            return None
        secret = raw.get("secret")
        return secret if isinstance(secret, str) else None

    def delete(self, device_id: str) -> None:
        if self.load(device_id) is not None:
            self.path.unlink(missing_ok=True)


def credential_store(
    kind: str, data_dir: Path, file_path: Path | None = None
) -> KeyringStore | FileStore:
    """The store the config names; ``keyring`` unless store IT explicitly chose ``file``."""
    if kind == "file":
        return FileStore(file_path or data_dir / "device-credential.json")
    if kind == "keyring":
        return KeyringStore()
    raise ValueError(f"unknown credential store {kind!r}")

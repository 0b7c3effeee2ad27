"""Signed releases of the till: a TUF repository the cloud (or any static host) serves.

``keys`` makes and loads the four roles' signing keys (root and targets kept offline by the
operator, snapshot and timestamp online on the server); ``repository`` writes and re-signs the
metadata; ``cli`` is ``pos-server release ...``. The till's side is ``pos_desktop.updates``.
"""

CHANNELS = ("stable", "beta")
"""The update channels a release is published on and a till follows."""
RELEASE_EXTRA_MODULES = ("tuf", "cryptography")
"""What ``pip install 'pos-desktop[release]'`` brings; ``pos-server release`` needs it (the
server that only serves the repository's files does not)."""

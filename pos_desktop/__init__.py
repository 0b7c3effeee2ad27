"""pos_desktop: an offline-first cashier till for Indonesian retail.

``__version__`` is the product's one version number. The build reads it (pyproject.toml's
``[tool.setuptools.dynamic]``), so the installed package's metadata carries it to the cloud's
``info.version``; the till names it (``--version``, the About box, the log line of every start)
and sends it (the heartbeat), and the bundle's Windows version resource and installer are made
from it (pyinstaller.spec). It stays a plain
string literal: the build reads it without importing the package. CHANGELOG.md says what each
version brought; tests/app/test_version.py checks that every place agrees.
"""

__version__ = "0.2.0"

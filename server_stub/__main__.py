"""``python -m server_stub`` runs the same command line as ``pos-server``."""

from server_stub.cli import main

raise SystemExit(main())

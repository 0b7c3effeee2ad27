"""Example integrations an integrator copies: standalone programs that talk to the POS cloud
over its public HTTP API only (they import nothing of ``pos_desktop`` or ``server_stub``), kept
in the repository so the tests prove they work against a real cloud. Not part of the wheel."""

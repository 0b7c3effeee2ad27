"""Signed updates of the till, applied between shifts, with a way back.

``layout``: the install folder (``versions/<v>``, the ``current`` and ``previous`` links, the
pending-start marker); ``source``: the TUF client that finds, downloads and verifies a release;
``task``: the sync thread's periodic check, staging and apply (only with no shift open);
``apply``: unpacking a staged release and switching to it after backing the database up;
``launcher``: the start script that counts failed starts and rolls back, and what the app does
at start (confirm, restore after a rollback); ``schema``: contract migrations held back until a
confirmed start; ``status``: what the task reports; ``wiring``: what the composition root calls
(the TUF client is loaded only on a till installed for updates); ``cli``: ``pos-desktop
update``. Qt-free: the status bar adapts ``UpdateStatus`` (``ui/update_status.py``).
"""

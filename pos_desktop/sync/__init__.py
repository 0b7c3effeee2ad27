"""The till side of cloud sync: pairing, pushing the outbox, pulling the catalog.

Everything here is plain threads and ``httpx``, no Qt: the sync worker runs on its own thread
with its own database sessions, and reports through callbacks that the UI adapter
(``pos_desktop.ui.sync_status``) turns into signals. The UI never waits for the network.

Modules, by what they hold:

* ``config``: the ``[sync]`` settings; ``urls``: which servers may be talked to and how (TLS);
* ``credentials``: where the device credential lives (OS keyring, or an explicit owner-only file);
* ``client``: the cloud API over HTTP; ``wire``: its JSON answers read into the domain's
  ``sync_messages``; ``backoff``: retry delays;
* ``engine``: one push, one pull, each a few short local transactions;
* ``worker``: the thread that runs the engine, backs off and reports ``status``;
* ``heartbeat``: how the till is (queue, clock, printer), told to the cloud once a minute;
* ``pairing``: ``pos-desktop enroll``; ``runtime``: starting sync for an open till.
"""

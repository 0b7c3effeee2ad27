"""The service's infrastructure: settings, database engines, security primitives, error shape.

Kept apart from the use cases (``server_stub.ingest``, ``catalog``, ...) and the routes
(``server_stub.api``) so a reader looking for what the cloud does finds no plumbing beside it, and
the plumbing can change (another database, another token format) without touching either.
"""

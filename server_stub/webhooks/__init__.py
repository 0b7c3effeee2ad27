"""Webhooks that are never lost: the outbox (``events``, written by ``sources`` in the same
transaction as each change), Standard Webhooks signing (``signing``), the guard against
server-side request forgery (``targets``), the sender (``sender``), the delivery queue and its
order per resource (``queue``, ``order``), the delivery worker (``worker``), what it prunes
after N days (``retention``) and the owner's endpoints and delivery log (``endpoints``)."""

"""Which stores a signed-in person sees: every store of the organization for an owner, the
assigned ones (``user_stores``) for a manager. Any page may use these for its store picker and
for a store id taken from a URL, which is 404 when it is not one of them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub.models import Store
from server_stub.web.deps import WebPrincipal, not_found


def visible_stores(session: Session, user: WebPrincipal) -> list[Store]:
    query = select(Store).where(Store.org_id == user.org_id).order_by(Store.code)
    if user.store_ids is not None:
        if not user.store_ids:
            return []
        query = query.where(Store.store_id.in_(sorted(user.store_ids)))
    return list(session.execute(query).scalars())


def store_or_404(
    session: Session, user: WebPrincipal, store_id: str, *, for_update: bool = False
) -> Store:
    """The store ``store_id`` of the person's organization, when they may see it."""
    if len(store_id) > 32 or not user.sees_store(store_id):
        not_found()
    query = select(Store).where(Store.org_id == user.org_id, Store.store_id == store_id)
    if for_update:
        query = query.with_for_update()
    store = session.execute(query).scalar_one_or_none()
    if store is None:
        not_found()
    return store

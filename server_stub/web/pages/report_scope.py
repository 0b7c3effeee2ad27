"""What a report page covers, read the same way by Laporan and Akuntansi: the person's stores,
the chosen one (``store``, a store id; empty for every store they see) and the period (``from``,
``to``: store-local ISO days). Only the default start and the longest period differ per page.

A store the person may not see is 404; an unreadable day or a period the page does not allow is
400, since neither comes from the page's own form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from server_stub.models import Store
from server_stub.report_queries import ReportFilter
from server_stub.web import format as fmt
from server_stub.web.deps import WebError, WebPrincipal, not_found
from server_stub.web.scope import visible_stores


@dataclass(frozen=True, slots=True)
class Scope:
    stores: list[Store]
    store: Store | None
    day_from: date
    day_to: date
    today: date

    @property
    def visible(self) -> frozenset[str]:
        return frozenset(s.store_id for s in self.stores)

    @property
    def store_id(self) -> str | None:
        return self.store.store_id if self.store else None

    def params(self, **extra: str) -> dict[str, str]:
        values = {
            "store": self.store_id or "",
            "from": self.day_from.isoformat(),
            "to": self.day_to.isoformat(),
        }
        values.update(extra)
        return values

    def report_filter(self, user: WebPrincipal) -> ReportFilter:
        # ``None`` for someone who sees every store (an owner): the reports then read the
        # organization's own rollup tables, not twenty stores' rows added up.
        return ReportFilter(
            org_id=user.org_id,
            visible=None if user.store_ids is None else self.visible,
            day_from=self.day_from,
            day_to=self.day_to,
            store_id=self.store_id,
        )


def parse_day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise WebError(400) from None


def read_scope(
    session: Session,
    user: WebPrincipal,
    now_utc: datetime,
    query: tuple[str, str, str],
    *,
    default_start: Callable[[date], date],
    max_days: int,
) -> Scope:
    """The scope ``query`` (store, from, to) asks for; a missing end is the chosen store's
    today (the first store's when every store is asked for), a missing start
    ``default_start(end)``."""
    store, day_from, day_to = query
    stores = visible_stores(session, user)
    chosen = None
    if store:
        chosen = next((s for s in stores if s.store_id == store), None)
        if chosen is None:
            not_found()
    zone_store = chosen or (stores[0] if stores else None)
    today = fmt.store_today(getattr(zone_store, "timezone", None), now_utc)
    end = parse_day(day_to) or today
    start = parse_day(day_from) or default_start(end)
    if start > end or (end - start).days >= max_days:
        raise WebError(400)
    return Scope(stores, chosen, start, end, today)

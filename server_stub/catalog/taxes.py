"""Tax categories: the rates products point at, stamped with the catalog sequence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub.catalog.sequence import reserve_seq
from server_stub.core.problems import Problem
from server_stub.models import (
    CatalogTombstone,
    ProductRow,
    TaxCategoryRow,
)
from server_stub.schemas import (
    TaxCategoryOut,
)


def tax_out(row: TaxCategoryRow) -> TaxCategoryOut:
    return TaxCategoryOut(
        code=row.code,
        name=row.name,
        kind=row.kind,
        rate_bp=row.rate_bp,
        base_numerator=row.base_numerator,
        base_denominator=row.base_denominator,
        seq=row.seq,
    )


def put_tax_category(
    session: Session,
    org_id: str,
    code: str,
    *,
    name: str,
    kind: str,
    rate_bp: int,
    base_numerator: int,
    base_denominator: int,
    now: datetime,
) -> TaxCategoryRow:
    seq = reserve_seq(session, org_id)
    row = session.get(TaxCategoryRow, (org_id, code))
    if row is None:
        row = TaxCategoryRow(org_id=org_id, code=code)
        session.add(row)
    row.name = name
    row.kind = kind
    row.rate_bp = rate_bp
    row.base_numerator = base_numerator
    row.base_denominator = base_denominator
    row.seq = seq
    row.updated_at = now
    session.flush()
    return row


def tax_categories(session: Session, org_id: str) -> list[TaxCategoryRow]:
    return list(
        session.execute(
            select(TaxCategoryRow)
            .where(TaxCategoryRow.org_id == org_id)
            .order_by(TaxCategoryRow.code)
        ).scalars()
    )


def delete_tax_category(session: Session, org_id: str, code: str, now: datetime) -> None:
    row = session.get(TaxCategoryRow, (org_id, code))
    if row is None:
        raise Problem(404, "tax_category.not_found", f"no tax category {code}")
    in_use = session.execute(
        select(func.count())
        .select_from(ProductRow)
        .where(ProductRow.org_id == org_id, ProductRow.tax_code == code)
    ).scalar_one()
    if in_use:
        raise Problem(409, "tax_category.in_use", f"{in_use} products use tax category {code}")
    seq = reserve_seq(session, org_id)
    session.delete(row)
    session.add(
        CatalogTombstone(org_id=org_id, seq=seq, kind="tax_category", key=code, deleted_at=now)
    )
    session.flush()


def require_tax_code(session: Session, org_id: str, code: str) -> None:
    if session.get(TaxCategoryRow, (org_id, code)) is None:
        raise Problem(422, "product.unknown_tax_code", f"no tax category {code}")

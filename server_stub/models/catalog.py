"""Tax categories, products, their barcodes, tombstones of deleted entries, and CSV files
waiting for the owner to confirm their import."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ORG, Base


class TaxCategoryRow(Base):
    __tablename__ = "tax_categories"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    rate_bp: Mapped[int] = mapped_column(Integer)
    base_numerator: Mapped[int] = mapped_column(Integer, default=1)
    base_denominator: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index(None, "org_id", "seq"),
    )


class ProductRow(Base):
    __tablename__ = "products"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """Server-made by default; an owner or an ERP may choose it (the demo uses the SKU)."""
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    price: Mapped[int] = mapped_column(BigInteger)
    cost_price: Mapped[int | None] = mapped_column(BigInteger)
    """What the shop pays for one unit (harga beli / HPP), for margins in the back office; never
    sent to a till. ``None`` until the owner sets it: margins then say "unknown", not 100 %."""
    tax_code: Mapped[str] = mapped_column(String(16))
    sold_by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str] = mapped_column(String(16), default="pcs")
    in_store_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reorder_point_milli: Mapped[int | None] = mapped_column(BigInteger)
    """A store's level at or below which stock.low is sent (thousandths); ``None``: never."""
    seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("org_id", "sku"),
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index(None, "org_id", "seq"),
    )


_TRIGRAMS = "gin"
"""On PostgreSQL the search indexes below are GIN trigram indexes (``pg_trgm``, with
``btree_gin`` for the leading ``org_id``): they serve ``LIKE '%goreng%'`` as well as prefixes, with
bound parameters. SQLite ignores the ``postgresql_`` options and builds plain B-trees, which
serve its exact and prefix look-ups. Migration 0009 says what happens without the extensions."""

Index(
    "ix_products_search_name",
    ProductRow.org_id,
    func.lower(ProductRow.name),
    ProductRow.product_id,
)
"""Name order for the back office's product list and its keyset pages (both databases)."""
Index(
    "ix_products_search_name_trgm",
    ProductRow.org_id,
    func.lower(ProductRow.name).label("name_lower"),
    postgresql_ops={"name_lower": "gin_trgm_ops"},
    postgresql_using=_TRIGRAMS,
)
Index(
    "ix_products_search_sku",
    ProductRow.org_id,
    func.lower(ProductRow.sku).label("sku_lower"),
    postgresql_ops={"sku_lower": "gin_trgm_ops"},
    postgresql_using=_TRIGRAMS,
)


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    barcode: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        ForeignKeyConstraint(
            ["org_id", "product_id"],
            ["products.org_id", "products.product_id"],
            ondelete="CASCADE",
        ),
        Index(None, "org_id", "product_id"),
    )


class CatalogTombstone(Base):
    """A deleted catalog entry, kept so tills that already have it learn to drop it."""

    __tablename__ = "catalog_tombstones"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[datetime]

    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)


class ProductImportUpload(Base):
    """One CSV file uploaded to the back office's product import, named by its SHA-256.

    The owner sees the preview, then confirms: the confirm form carries only the digest and the
    text is read back under the signed-in organization, so any worker can finish the import and
    no one can confirm another organization's file. Rows go on confirm, or when a day old.
    """

    __tablename__ = "product_import_uploads"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[datetime]

    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)

"""Produk: find a product among hundreds of thousands (name, SKU or barcode, live as the owner
types), add one, and change its price, cost, tax category, category, barcodes, in-store code and
whether it is sold. Saving goes through ``catalog.update_product`` and ``catalog.create_product``,
the JSON API's own use cases, with the API's own types (``ProductPatch``, ``ProductIn``, the one
the CSV import checks rows with), so a change takes the next catalog sequence number, a taken SKU
or barcode is refused by the same check, and the product reaches the tills at their next pull
(the cost never does). Import and export are in ``products_import``, mounted under the same
router.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from server_stub import catalog
from server_stub.api.deps import Ctx, ReadSession
from server_stub.catalog.search import MAX_QUERY
from server_stub.core.problems import Problem
from server_stub.models import ProductRow, TaxCategoryRow
from server_stub.quantities import format_milli
from server_stub.schemas import ProductIn, ProductPatch, Sku
from server_stub.schemas.common import CODE_PATTERN
from server_stub.web.deps import CsrfChecked, WebUser, is_htmx, not_found
from server_stub.web.pages.products_import import router as import_router
from server_stub.web.render import render

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/products")
router.include_router(import_router)

PAGE_SIZE = 50
_BARCODE = re.compile(r"^[ -~]{1,64}$")
_CODE = re.compile(CODE_PATTERN)
_REORDER_POINT = re.compile(r"^[0-9]{1,7}(\.[0-9]{1,3})?$")
"""As the API's ``ReorderPoint`` takes it, after a decimal comma became a point."""
_SKU = TypeAdapter(Sku)
M = TypeVar("M", bound=BaseModel)
DEFAULT_TAX = "EXEMPT"
"""The tax category a new product starts with, as in the API and the CSV import."""

ProductIdPath = Annotated[str, Path(min_length=1, max_length=64)]
SearchQuery = Annotated[str, Query(max_length=MAX_QUERY * 2)]
CursorQuery = Annotated[str, Query(max_length=1000)]


@router.get("", response_class=HTMLResponse)
def products_page(
    request: Request,
    user: WebUser,
    session: ReadSession,
    q: SearchQuery = "",
    cursor: CursorQuery = "",
) -> HTMLResponse:
    """The list, or (asked by htmx's live search) only its results, for ``#results``."""
    try:
        page = catalog.search_products(
            session, user.org_id, q, cursor=cursor or None, limit=PAGE_SIZE
        )
    except Problem:
        page = catalog.search_products(session, user.org_id, q, limit=PAGE_SIZE)
        cursor = ""
    context = {"q": q, "page": page, "cursor": cursor}
    if is_htmx(request) and request.headers.get("HX-Target") == "results":
        return render(request, user, "products/_results.html", context)
    return render(request, user, "products/list.html", context)


@dataclass
class EditForm:
    """What the owner typed, kept as typed so a refused form comes back as it was sent."""

    name: str = ""
    category: str = ""
    price: str = ""
    cost_price: str = ""
    reorder_point: str = ""
    tax_code: str = ""
    barcodes: str = ""
    in_store_code: str = ""
    active: bool = True
    sku: str = ""
    """Only the new-product form sends it: an edit keeps the product's SKU."""
    errors: dict[str, str] = field(default_factory=dict)


def posted_form(
    name: Annotated[str, Form(max_length=1000)] = "",
    category: Annotated[str, Form(max_length=1000)] = "",
    price: Annotated[str, Form(max_length=100)] = "",
    cost_price: Annotated[str, Form(max_length=100)] = "",
    reorder_point: Annotated[str, Form(max_length=100)] = "",
    tax_code: Annotated[str, Form(max_length=100)] = "",
    barcodes: Annotated[str, Form(max_length=5000)] = "",
    in_store_code: Annotated[str, Form(max_length=100)] = "",
    active: Annotated[str, Form(max_length=10)] = "",
    sku: Annotated[str, Form(max_length=1000)] = "",
) -> EditForm:
    """The fields of the edit and the new-product form, one list for both."""
    return EditForm(
        name=name,
        category=category,
        price=price,
        cost_price=cost_price,
        reorder_point=reorder_point,
        tax_code=tax_code,
        barcodes=barcodes,
        in_store_code=in_store_code,
        active=active == "1",
        sku=sku,
    )


PostedProduct = Annotated[EditForm, Depends(posted_form)]


def _row_form(row: ProductRow, barcodes: list[str]) -> EditForm:
    return EditForm(
        name=row.name,
        category=row.category,
        price=str(row.price),
        cost_price="" if row.cost_price is None else str(row.cost_price),
        reorder_point=""
        if row.reorder_point_milli is None
        else format_milli(row.reorder_point_milli).replace(".", ","),
        tax_code=row.tax_code,
        barcodes="\n".join(barcodes),
        in_store_code=row.in_store_code or "",
        active=row.active,
        sku=row.sku,
    )


def _rupiah(text: str) -> int | None:
    """``12.500``, ``12500``, ``Rp 12.500`` -> 12500; anything else -> None."""
    cleaned = re.sub(r"(?i)^\s*rp\.?\s*", "", text).replace(".", "").replace(",", "").strip()
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 15:
        return None
    return int(cleaned)


def _barcodes(text: str, errors: dict[str, str]) -> list[str]:
    codes = [c.strip() for c in re.split(r"[\r\n,]+", text) if c.strip()]
    seen: set[str] = set()
    for code in codes:
        if not _BARCODE.match(code):
            errors["barcodes"] = "products.err.barcode"
        elif code in seen:
            errors["barcodes"] = "products.err.barcode_repeat"
        seen.add(code)
    if len(codes) > 20:
        errors["barcodes"] = "products.err.barcode_many"
    return codes


def _values(form: EditForm, tax_codes: set[str]) -> dict[str, Any]:
    """The product's fields as the API types take them, read from the form as typed; each field
    that cannot be read gets its word key in ``form.errors``."""
    errors = form.errors
    name = " ".join(form.name.split())
    if not name or len(name) > 200:
        errors["name"] = "products.err.name"
    price = _rupiah(form.price)
    if price is None:
        errors["price"] = "products.err.price"
    cost = _rupiah(form.cost_price) if form.cost_price.strip() else None
    if form.cost_price.strip() and cost is None:
        errors["cost_price"] = "products.err.cost"
    point = form.reorder_point.strip().replace(",", ".") or None
    if point is not None and not _REORDER_POINT.match(point):
        errors["reorder_point"] = "products.err.reorder_point"
    category = " ".join(form.category.split())
    if len(category) > 200:
        errors["category"] = "products.err.category"
    if form.tax_code not in tax_codes:
        errors["tax_code"] = "products.err.tax"
    barcodes = _barcodes(form.barcodes, errors)
    code = form.in_store_code.strip() or None
    if code is not None and not _CODE.match(code):
        errors["in_store_code"] = "products.err.in_store_code"
    return {
        "name": name,
        "category": category,
        "price": price,
        "cost_price": cost,
        "reorder_point": point,
        "tax_code": form.tax_code,
        "barcodes": barcodes,
        "in_store_code": code,
        "active": form.active,
    }


def _checked(model: type[M], form: EditForm, values: dict[str, Any]) -> M | None:
    """``values`` as the API's own ``model`` (its rules, not a copy of them), or None with the
    fields it refuses marked in ``form.errors``."""
    if form.errors:
        return None
    try:
        return model(**values)
    except ValidationError as exc:
        for error in exc.errors():
            where = str(error["loc"][0]) if error["loc"] else "name"
            where = where if where in _FIELD_WORDS else "name"
            form.errors.setdefault(where, _FIELD_WORDS[where])
        form.errors = form.errors or {"name": "products.err.name"}
        return None


def _patch(form: EditForm, tax_codes: set[str]) -> ProductPatch | None:
    """The change the form asks for, or None with ``form.errors`` (word keys) filled."""
    return _checked(ProductPatch, form, _values(form, tax_codes))


def _new_product(form: EditForm, tax_codes: set[str]) -> ProductIn | None:
    """The product the new-product form describes (the type the API and the CSV import take),
    or None with ``form.errors`` filled."""
    sku = form.sku.strip()
    try:
        sku = _SKU.validate_python(sku)
    except ValidationError:
        form.errors["sku"] = "products.err.sku"
    values = _values(form, tax_codes)
    return _checked(ProductIn, form, {"sku": sku, **values})


_FIELD_WORDS = {
    "sku": "products.err.sku",
    "name": "products.err.name",
    "price": "products.err.price",
    "cost_price": "products.err.cost",
    "reorder_point": "products.err.reorder_point",
    "category": "products.err.category",
    "tax_code": "products.err.tax",
    "barcodes": "products.err.barcode",
    "in_store_code": "products.err.in_store_code",
}
_PROBLEM_FIELDS = {
    "product.sku_taken": ("sku", "products.err.sku_taken"),
    "product.barcode_taken": ("barcodes", "products.err.barcode_taken"),
    "product.duplicate_barcode": ("barcodes", "products.err.barcode"),
    "product.conflict": ("name", "products.err.conflict"),
    "product.unknown_tax_code": ("tax_code", "products.err.tax"),
}


def _refused(form: EditForm, problem: Problem) -> None:
    """The catalog's refusal (a taken SKU or barcode, ...) shown at the field it is about."""
    where, word = _PROBLEM_FIELDS.get(problem.code, ("name", "products.err.conflict"))
    form.errors[where] = word


def _product(session: Session, org_id: str, product_id: str) -> ProductRow:
    row = session.get(ProductRow, (org_id, product_id))
    if row is None:
        not_found()
    return row


def _default_tax(taxes: list[TaxCategoryRow]) -> str:
    codes = [t.code for t in taxes]
    return DEFAULT_TAX if DEFAULT_TAX in codes or not codes else codes[0]


def _listed(sku: str, flash: str) -> RedirectResponse:
    """Back to the list, searched for the product just saved, so the owner sees it there."""
    query = urlencode({"flash": flash, "q": sku})
    return RedirectResponse(f"/app/products?{query}", status_code=303)


def _form_page(
    request: Request,
    user: Any,
    session: Session,
    row: ProductRow | None,
    form: EditForm,
    status: int = 200,
) -> HTMLResponse:
    """The edit form of ``row``, or with no row the new-product form."""
    taxes = catalog.tax_categories(session, user.org_id)
    context = {"product": row, "form": form, "taxes": taxes}
    template = "products/new.html" if row is None else "products/edit.html"
    return render(request, user, template, context, status=status)


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    form = EditForm(tax_code=_default_tax(catalog.tax_categories(session, user.org_id)))
    return _form_page(request, user, session, None, form)


@router.post("/new", response_class=HTMLResponse)
def add_product(
    request: Request, user: WebUser, _csrf: CsrfChecked, ctx: Ctx, form: PostedProduct
) -> Response:
    """Create the product through the catalog's use case, or show the form again with why not."""
    with ctx.db.write() as session:
        taxes = {t.code for t in catalog.tax_categories(session, user.org_id)}
        product = _new_product(form, taxes)
        if product is not None:
            try:
                catalog.create_product(session, user.org_id, product, ctx.now())
            except Problem as problem:
                session.rollback()
                _refused(form, problem)
                log.info("new product %s refused: %s", product.sku, problem.code)
            else:
                session.commit()
                return _listed(product.sku, "products.created")
        return _form_page(request, user, session, None, form, status=422)


@router.get("/{product_id}", response_class=HTMLResponse)
def edit_page(
    request: Request, product_id: ProductIdPath, user: WebUser, session: ReadSession
) -> HTMLResponse:
    row = _product(session, user.org_id, product_id)
    codes = catalog.barcodes_of(session, user.org_id, [product_id])[product_id]
    return _form_page(request, user, session, row, _row_form(row, codes))


@router.post("/{product_id}", response_class=HTMLResponse)
def save_product(
    request: Request,
    product_id: ProductIdPath,
    user: WebUser,
    _csrf: CsrfChecked,
    ctx: Ctx,
    form: PostedProduct,
) -> Response:
    with ctx.db.write() as session:
        row = _product(session, user.org_id, product_id)
        taxes = {t.code for t in catalog.tax_categories(session, user.org_id)}
        patch = _patch(form, taxes)
        if patch is not None:
            try:
                catalog.update_product(session, user.org_id, product_id, patch, ctx.now())
            except Problem as problem:
                session.rollback()
                _refused(form, problem)
                log.info("product %s not saved: %s", product_id, problem.code)
            else:
                session.commit()
                return _listed(row.sku, "products.saved")
        row = _product(session, user.org_id, product_id)
        return _form_page(request, user, session, row, form, status=422)

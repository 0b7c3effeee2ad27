from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pos_desktop.domain.cart import Cart
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD
from pos_desktop.receipts import (
    Style,
    build_receipt,
    lay_out,
    render_text,
    transliterate,
)
from tests.receipts.factories import STORE, make_sale, product, rich_cart, split_tender

COLUMNS = (32, 42, 48)


@pytest.mark.parametrize("columns", COLUMNS)
def test_every_line_fits_and_amounts_are_right_aligned(columns: int) -> None:
    sale = make_sale(rich_cart(), ppn=True, pay=split_tender)
    lines = render_text(build_receipt(sale, STORE, ppn_enabled=True, copy=True), columns)

    assert all(len(line) <= columns for line in lines)
    total = next(line for line in lines if line.startswith("TOTAL"))
    assert len(total) == columns
    assert total.endswith("Rp" + f"{sale.total:,}".replace(",", "."))
    assert lines[0].strip() == "SALINAN / COPY"
    assert lines[1].strip() == "Toko Maju Jaya"


def test_long_product_names_wrap_without_losing_words() -> None:
    name = "Minyak Goreng Bimoli Klasik Pouch Isi Ulang Ekstra Hemat Keluarga 2 L"
    cart = Cart()
    cart.add(product("X", name, 42000))
    lines = render_text(build_receipt(make_sale(cart, ppn=False), STORE, ppn_enabled=False), 32)

    start = next(i for i, line in enumerate(lines) if line.startswith("Minyak"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("42.000"))
    wrapped = " ".join(line.replace("42.000", "").strip() for line in lines[start : end + 1])
    assert wrapped == name
    assert end > start


def test_styles_mark_store_name_total_and_change() -> None:
    sale = make_sale(rich_cart(), ppn=False)
    styled = lay_out(build_receipt(sale, STORE, ppn_enabled=False), 48)

    by_text = {line.text.strip().split(" ")[0]: line.style for line in styled}
    assert by_text["TOTAL"] is Style.TOTAL
    assert by_text["Kembalian"] is Style.BOLD
    assert by_text["Subtotal"] is Style.NORMAL
    assert styled[0].style is Style.BOLD  # store name


def test_fold_is_applied_before_measuring() -> None:
    cart = Cart()
    cart.add(product("X", "Kopi “Spesial” … " + "x" * 14, 12345))
    receipt = build_receipt(make_sale(cart, ppn=False), STORE, ppn_enabled=False)
    lines = [line.text for line in lay_out(receipt, 32, fold=transliterate)]

    assert all(len(line) <= 32 for line in lines)
    assert any('Kopi "Spesial" ...' in line for line in lines)


def test_control_characters_in_names_do_not_break_lines() -> None:
    cart = Cart()
    cart.add(product("X", "Teh\nManis\tDingin", 5000))
    lines = render_text(build_receipt(make_sale(cart, ppn=False), STORE, ppn_enabled=False), 32)
    assert any(line.startswith("Teh Manis Dingin") for line in lines)


@pytest.mark.parametrize("columns", [0, 20, 65])
def test_unsupported_widths_are_refused(columns: int) -> None:
    receipt = build_receipt(make_sale(rich_cart(), ppn=False), STORE, ppn_enabled=False)
    with pytest.raises(ValueError, match="columns"):
        render_text(receipt, columns)


any_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=90)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Z"]), min_size=1)
names = st.one_of(
    any_text,
    st.lists(words, min_size=2, max_size=16).map(" ".join),
    st.text(alphabet="Wm…½“", min_size=30, max_size=80),
)
"""Short oddities, long multi-word names and long unbreakable ones."""


@example(
    item_names=["Minyak Goreng " * 6, "x" * 70],
    store_name="Toko " * 12,
    footer=["Terima kasih " * 5],
    price=5_000_000,
    grams=999_999,
    columns=32,
    ppn=True,
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    item_names=st.lists(names, min_size=1, max_size=4),
    store_name=names,
    footer=st.lists(names, max_size=2),
    price=st.integers(min_value=100, max_value=5_000_000),
    grams=st.integers(min_value=1, max_value=999_999),
    columns=st.sampled_from(COLUMNS),
    ppn=st.booleans(),
)
def test_no_line_is_ever_wider_than_the_paper(
    item_names: list[str],
    store_name: str,
    footer: list[str],
    price: int,
    grams: int,
    columns: int,
    ppn: bool,
) -> None:
    cart = Cart()
    for i, name in enumerate(item_names):
        cart.add(product(f"S{i}", name, price, PPN_STANDARD if i % 2 else EXEMPT))
    cart.add(product("W", "Daging", price, EXEMPT, weighed=True), Decimal(grams) / 1000)
    store = replace(STORE, name=store_name, footer_lines=tuple(footer))
    try:
        receipt = build_receipt(make_sale(cart, ppn=ppn), store, ppn_enabled=ppn, copy=True)
    except ValueError:  # the generated footer happened to contain the banned clause
        return
    for fold in (None, transliterate):
        for line in lay_out(receipt, columns, fold=fold):
            assert len(line.text) <= columns, line


def test_a_size_stays_with_its_unit_when_a_name_wraps() -> None:
    cart = Cart()
    cart.add(product("X", "Beras Pandan Wangi Topi Koki 5 kg", 82500))
    lines = render_text(build_receipt(make_sale(cart, ppn=False), STORE, ppn_enabled=False), 32)
    assert "Beras Pandan Wangi Topi Koki" in lines
    assert any(line.startswith("5 kg ") and line.endswith("82.500") for line in lines)

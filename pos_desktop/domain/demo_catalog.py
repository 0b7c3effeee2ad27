"""A demo catalog of Indonesian minimarket goods, and a synthetic one for benchmarks.

Demo stores, screenshots and manual testing need a catalog that reads like a real shop's: real
brand and variant names, sizes, rupiah prices, the right tax category (staples exempt, luxury
goods PPnBM) and valid EAN-13 barcodes under Indonesia's GS1 prefix 899. Names are composed
from brand x variant x size so a few hundred lines of data give hundreds of products.

Everything is deterministic: the same call returns the same products, so tests, screenshots and
benchmark runs can be compared. The barcodes are made up (valid check digits, invented company
prefixes) and must never be printed on goods.

It lives in the domain, the one part of the till the cloud service may import, so the demo till
and the demo tenant (``server_stub.demo``) are seeded with the same goods.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from pos_desktop.domain.barcode import gtin_check_digit
from pos_desktop.domain.cart import Product
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, EXEMPT, PPN_LUXURY, PPN_STANDARD

_SEED: Final = 20261128
_SYNTHETIC_PREFIX: Final = "8990"
"""Synthetic barcodes live under 8990; the demo catalog's company prefixes start at 8991, so the
two sets never collide even when both are loaded into one database."""
_SYNTHETIC_SPACE: Final = 10**8

_STD = PPN_STANDARD.code
_EXEMPT = EXEMPT.code
_LUXURY = PPN_LUXURY.code
_TAX_CATEGORIES: Final = {c.code: c for c in DEFAULT_CATEGORIES}


@dataclass(frozen=True, slots=True)
class DemoProduct:
    sku: str
    barcode: str
    """EAN-13 under 899; empty for loose goods sold by weight (found by ``in_store_code``)."""
    name: str
    category: str
    price: int
    """Rupiah per unit, or per kg for weighed goods; tax-inclusive like shelf prices."""
    tax_code: str
    sold_by_weight: bool = False
    unit: str = "pcs"
    in_store_code: str = ""
    """``20IIIII``: prefix and item digits of the scale label, for weighed goods."""

    def to_product(self) -> Product:
        """The cart's view of this product; the SKU doubles as the product id."""
        return Product(
            product_id=self.sku,
            sku=self.sku,
            name=self.name,
            unit_price=self.price,
            tax_category=_TAX_CATEGORIES[self.tax_code],
            barcode=self.barcode,
            sold_by_weight=self.sold_by_weight,
            unit=self.unit,
        )


_Sizes = tuple[tuple[str, int], ...]
_Line = tuple[str, tuple[str, ...], _Sizes]
"""(brand or product stem, variants, (size label, base price) pairs)."""


@dataclass(frozen=True, slots=True)
class _Family:
    category: str
    tax_code: str
    sku_prefix: str
    lines: tuple[_Line, ...]


_ONE = ("",)

_FAMILIES: Final[tuple[_Family, ...]] = (
    _Family(
        "Makanan",
        _STD,
        "MKN",
        (
            (
                "Indomie",
                (
                    "Goreng Original",
                    "Goreng Rendang",
                    "Goreng Aceh",
                    "Goreng Cabe Ijo",
                    "Goreng Ayam Geprek",
                ),
                (("85 g", 3500),),
            ),
            (
                "Indomie",
                (
                    "Kari Ayam",
                    "Soto Mie",
                    "Ayam Bawang",
                    "Ayam Spesial",
                    "Kaldu Ayam",
                    "Soto Lamongan",
                    "Empal Gentong",
                ),
                (("70 g", 3200),),
            ),
            ("Indomie Goreng", ("Jumbo",), (("129 g", 4800),)),
            ("Mie Sedaap", ("Goreng", "Goreng Ayam Pedas", "Korean Spicy"), (("90 g", 3500),)),
            (
                "Mie Sedaap",
                ("Soto", "Kari Spesial", "Ayam Bawang", "Baso Spesial"),
                (("75 g", 3200),),
            ),
            (
                "Sarimi Isi 2",
                ("Ayam Kremes", "Soto Koya Jeruk Nipis", "Kari Ayam"),
                (("126 g", 4200),),
            ),
            ("Supermi", ("Ayam Bawang", "Kaldu Ayam", "Sup Ayam"), (("75 g", 2900),)),
            (
                "Pop Mie",
                ("Rasa Ayam", "Rasa Baso", "Goreng Spesial", "Pedas Dower", "Kari Ayam"),
                (("75 g", 6000),),
            ),
            ("Lemonilo Mie", ("Goreng", "Kuah Ayam Bawang", "Goreng Pedas"), (("70 g", 5500),)),
            (
                "Chitato",
                ("Sapi Panggang", "Keju Supreme", "Ayam Bumbu", "Rasa Indomie Goreng"),
                (("68 g", 11500), ("168 g", 24500)),
            ),
            (
                "Qtela Keripik",
                ("Singkong Balado", "Singkong Original", "Tempe Cabe Rawit"),
                (("60 g", 7000), ("185 g", 17500)),
            ),
            ("Lay's", ("Rumput Laut", "Salmon Teriyaki", "Classic Salted"), (("68 g", 12000),)),
            ("Taro Net", ("Seaweed", "Barbeque"), (("65 g", 9500),)),
            ("Cheetos", ("Jagung Bakar", "Keju Cheddar"), (("60 g", 9000),)),
            (
                "Oreo",
                ("Original", "Strawberry Creme", "Chocolate Creme", "Vanilla"),
                (("38 g", 3000), ("133 g", 10500)),
            ),
            ("Roma", ("Kelapa",), (("300 g", 11000),)),
            ("Roma Malkist", ("Crackers", "Abon", "Cokelat"), (("105 g", 6500),)),
            ("Roma Sari Gandum", ("Susu Cokelat", "Original"), (("149 g", 9500),)),
            ("Biskuat", ("Original", "Cokelat"), (("134 g", 6000),)),
            (
                "Tango Wafer",
                ("Cokelat", "Vanilla Milk", "Strawberry"),
                (("47 g", 3000), ("176 g", 11500)),
            ),
            (
                "SilverQueen",
                ("Chunky Bar", "Almond", "Cashew", "Fruit & Nut"),
                (("30 g", 13000), ("58 g", 18500)),
            ),
            ("Beng-Beng", ("Original", "Share It", "Maxx"), (("20 g", 2500),)),
            ("Chocolatos", ("Wafer Roll Cokelat", "Drink Cokelat"), (("24 g", 2000),)),
            ("Richeese Nabati", ("Keju", "Cokelat"), (("50 g", 2500), ("145 g", 8500))),
            ("Khong Guan", ("Assorted Biscuits",), (("650 g", 45500), ("1,6 kg", 98000))),
            ("Good Time", ("Chocochips", "Double Choc", "Rainbow"), (("72 g", 8000),)),
            ("Momogi", ("Jagung Bakar", "Keju", "Cokelat"), (("8 g", 1000),)),
            (
                "Kusuka Keripik Singkong",
                ("Balado", "Original", "Ayam Lada Hitam"),
                (("180 g", 14000),),
            ),
            (
                "Garuda Kacang Kulit",
                ("Original", "Rasa Bawang"),
                (("70 g", 9500), ("250 g", 24000)),
            ),
            ("Sari Roti Tawar", ("Spesial", "Kupas", "Gandum"), (("370 g", 17500),)),
            ("Sari Roti Sobek", ("Cokelat", "Srikaya", "Cokelat Keju"), (("216 g", 16000),)),
            ("Sari Roti Sandwich", ("Cokelat", "Keju", "Blueberry"), (("54 g", 6000),)),
            (
                "Kecap Manis",
                ("Bango", "ABC", "Sedaap"),
                (("135 ml", 6000), ("220 ml", 10500), ("520 ml", 23000)),
            ),
            (
                "Sambal",
                ("ABC Extra Pedas", "Indofood Pedas Manis", "Belibis Terasi"),
                (("135 ml", 9000), ("335 ml", 17500)),
            ),
            ("Saus Tomat", ("ABC", "Del Monte"), (("135 ml", 7500), ("340 ml", 14500))),
            ("Masako Kaldu", ("Ayam", "Sapi"), (("100 g", 6000), ("250 g", 13500))),
            ("Royco Bumbu Kaldu", ("Ayam", "Sapi"), (("100 g", 5500), ("230 g", 12000))),
            ("Sasa MSG", _ONE, (("100 g", 4500), ("250 g", 10500), ("500 g", 19500))),
            ("Ajinomoto", _ONE, (("100 g", 5000), ("250 g", 11500))),
            (
                "Bumbu Racik Indofood",
                (
                    "Nasi Goreng",
                    "Ayam Goreng",
                    "Rendang",
                    "Soto",
                    "Tempe Goreng",
                    "Sayur Sop",
                    "Ikan Goreng",
                ),
                (("20 g", 2500),),
            ),
            (
                "Bumbu Bamboe",
                ("Rendang", "Opor Ayam", "Gulai", "Rawon", "Nasi Kuning"),
                (("40 g", 6500),),
            ),
            ("Santan Kara", _ONE, (("65 ml", 3500), ("200 ml", 9500))),
            ("Saori Saus Tiram", _ONE, (("133 ml", 11000),)),
            ("Ladaku Merica Bubuk", _ONE, (("15 g", 2000),)),
            ("Desaku Bumbu Bubuk", ("Ketumbar", "Kunyit"), (("16 g", 2000),)),
            ("Sarden ABC", ("Saus Tomat", "Saus Cabai"), (("155 g", 10500), ("425 g", 24000))),
            ("Kornet Pronas", ("Sapi",), (("198 g", 25500),)),
            ("Sosis So Nice", ("Ayam", "Sapi"), (("20 g", 2000),)),
            ("Selai Morin", ("Strawberry", "Blueberry", "Srikaya"), (("150 g", 15000),)),
            ("Nutella", ("Hazelnut Spread",), (("200 g", 42000),)),
            ("Nestle Koko Krunch", _ONE, (("170 g", 26000), ("330 g", 47500))),
            ("Quaker Oat", ("Instant", "Oatmeal"), (("800 g", 48000),)),
            ("Fiesta", ("Chicken Nugget", "Spicy Wing"), (("500 g", 52500),)),
            ("Kanzler", ("Beef Cocktail", "Chicken Frankfurter"), (("250 g", 39500),)),
            ("Bernardi Bakso Sapi", _ONE, (("500 g", 42000),)),
        ),
    ),
    _Family(
        "Sembako",
        _EXEMPT,
        "SBK",
        (
            (
                "Beras Pandan Wangi",
                ("Topi Koki", "Sania", "Maknyuss"),
                (("2 kg", 34000), ("5 kg", 82500), ("10 kg", 162000)),
            ),
            ("Beras Rojolele", ("Topi Koki", "Si Pulen"), (("5 kg", 79000),)),
            ("Beras Setra Ramos", ("Cap Bunga", "Topi Koki"), (("5 kg", 74500), ("10 kg", 147000))),
            ("Beras IR64 Premium", ("Si Pulen", "Cap Ayam Jago"), (("5 kg", 69000),)),
            ("Beras Merah Organik", ("Lingkar Organik",), (("1 kg", 28000),)),
            ("Beras Ketan Putih", ("Topi Koki",), (("1 kg", 22000),)),
            (
                "Gula Pasir",
                ("Gulaku", "Rose Brand", "Gunung Madu"),
                (("500 g", 9500), ("1 kg", 18500), ("2 kg", 36500)),
            ),
            ("Gula Aren Semut", ("Organik",), (("250 g", 19500),)),
            ("Gula Merah Kelapa", _ONE, (("500 g", 14000),)),
            ("Garam Meja", ("Refina", "Cap Kapal", "Dolpin"), (("250 g", 3500), ("500 g", 6000))),
            ("Telur Ayam Negeri", _ONE, (("10 butir", 28500), ("30 butir", 82000))),
            ("Telur Ayam Kampung", _ONE, (("6 butir", 21000),)),
            ("Telur Bebek", _ONE, (("6 butir", 22500),)),
            ("Telur Puyuh", _ONE, (("isi 20", 9500),)),
            ("Kacang Kedelai", ("Impor",), (("1 kg", 16000),)),
            ("Kacang Hijau", _ONE, (("500 g", 14000),)),
        ),
    ),
    _Family(
        "Sembako",
        _STD,
        "SBK",
        (
            (
                "Minyak Goreng",
                ("Bimoli Klasik", "Sania", "Filma", "Tropical", "SunCo", "Fortune", "Sovia"),
                (("1 L", 21500), ("2 L", 42000)),
            ),
            ("Minyak Goreng Minyakita", _ONE, (("1 L", 15700),)),
            ("Minyak Goreng Jeriken", ("Bimoli Klasik", "Fortune"), (("5 L", 104000),)),
            (
                "Tepung Terigu",
                ("Segitiga Biru", "Cakra Kembar", "Kunci Biru", "Lencana Merah"),
                (("500 g", 8000), ("1 kg", 14500)),
            ),
            ("Tepung Beras Rose Brand", _ONE, (("500 g", 8500),)),
            ("Tepung Tapioka Rose Brand", _ONE, (("500 g", 7500),)),
            ("Tepung Maizena Maizenaku", _ONE, (("100 g", 4500),)),
            ("Tepung Bumbu Sasa", ("Serbaguna", "Pedas"), (("80 g", 3000), ("210 g", 7500))),
            ("Blue Band Margarin", ("Serbaguna",), (("200 g", 11500),)),
            ("Filma Margarin", _ONE, (("200 g", 9500),)),
        ),
    ),
    _Family(
        "Minuman",
        _STD,
        "MNM",
        (
            (
                "Kapal Api",
                ("Special Mix", "Kopi Susu", "Grande White Coffee"),
                (("25 g", 1500), ("10 x 25 g", 14500)),
            ),
            ("Kapal Api Special Bubuk", _ONE, (("165 g", 15500), ("380 g", 33500))),
            (
                "Good Day",
                ("Cappuccino", "Mocacinno", "Original", "Vanilla Latte", "Avocado Delight"),
                (("25 g", 2000), ("10 x 25 g", 18500)),
            ),
            (
                "Torabika",
                ("Cappuccino", "Duo", "Creamy Latte", "Susu"),
                (("25 g", 1800), ("10 x 25 g", 16500)),
            ),
            (
                "Luwak White Koffie",
                ("Original", "Less Sugar"),
                (("20 g", 1500), ("10 x 20 g", 14000)),
            ),
            ("Indocafe Coffeemix", _ONE, (("20 g", 1500), ("10 x 20 g", 13500))),
            ("Nescafe", ("Classic", "Gold"), (("50 g", 25500), ("100 g", 46000))),
            ("Nescafe 3in1", ("Original",), (("10 x 17,5 g", 17000),)),
            (
                "Teh Celup",
                ("Sariwangi Asli", "Sosro", "Tong Tji Melati", "2Tang"),
                (("25 x 1,85 g", 7500),),
            ),
            ("Teh Celup Sariwangi", ("Asli",), (("50 x 1,85 g", 13500),)),
            ("Teh Tubruk Tong Tji", ("Jasmine",), (("40 g", 5000),)),
            ("Teh Pucuk Harum", ("Melati", "Less Sugar"), (("350 ml", 4000), ("500 ml", 5500))),
            ("Teh Botol Sosro", ("Original", "Less Sugar"), (("250 ml", 4000), ("450 ml", 6000))),
            ("Fruit Tea", ("Apel", "Blackcurrant"), (("350 ml", 6500),)),
            ("Frestea", ("Melati", "Green Honey"), (("500 ml", 6000),)),
            ("Teh Gelas", ("Original",), (("180 ml", 1500),)),
            ("Aqua Air Mineral", _ONE, (("330 ml", 3500), ("600 ml", 4500), ("1,5 L", 7500))),
            ("Le Minerale", _ONE, (("330 ml", 3500), ("600 ml", 4500), ("1,5 L", 7500))),
            ("Club Air Mineral", _ONE, (("330 ml", 3000), ("600 ml", 4000), ("1,5 L", 6500))),
            ("Cleo Air Murni", _ONE, (("550 ml", 3500), ("1,5 L", 6500))),
            ("Coca-Cola", ("Original", "Zero Sugar"), (("390 ml", 7500), ("1,5 L", 17500))),
            ("Sprite", _ONE, (("390 ml", 7500), ("1,5 L", 17500))),
            ("Fanta", ("Stroberi", "Jeruk"), (("390 ml", 7000), ("1,5 L", 16500))),
            ("Pocari Sweat", _ONE, (("350 ml", 7500), ("500 ml", 9000), ("900 ml", 15500))),
            ("Mizone", ("Lychee Lemon", "Orange Lime", "Starfruit Apple"), (("500 ml", 6000),)),
            ("Isoplus", _ONE, (("350 ml", 5500),)),
            ("Floridina", ("Orange", "Coco Grape"), (("350 ml", 4000),)),
            ("Nutriboost", ("Orange", "Strawberry"), (("300 ml", 8000),)),
            ("Yakult", ("Original", "Light"), (("5 x 65 ml", 11500),)),
            ("Cimory Yogurt Drink", ("Strawberry", "Blueberry", "Plain"), (("250 ml", 11000),)),
            ("Kratingdaeng", _ONE, (("150 ml", 6500),)),
            ("Extra Joss", ("Original",), (("6 x 4 g", 9000),)),
            ("Larutan Penyegar Cap Badak", ("Jambu", "Leci", "Jeruk"), (("320 ml", 7500),)),
            (
                "Ultra Milk",
                ("Full Cream", "Cokelat", "Stroberi", "Low Fat Plain", "Moka"),
                (("200 ml", 6500), ("250 ml", 7500), ("1 L", 20000)),
            ),
            ("Bear Brand", ("Original", "Gold White Tea"), (("189 ml", 11000),)),
            ("Frisian Flag SKM", ("Putih", "Cokelat"), (("40 g", 1800), ("370 g", 13500))),
            ("Indomilk Kental Manis", ("Putih", "Cokelat"), (("370 g", 13000),)),
            (
                "Dancow Fortigro",
                ("Full Cream", "Cokelat", "Instant"),
                (("400 g", 52000), ("800 g", 98000)),
            ),
            ("Milo Activ-Go", _ONE, (("22 g", 2000), ("300 g", 42500), ("600 g", 79000))),
            ("Hilo", ("Teen Cokelat", "Gold Vanilla", "School Cokelat"), (("250 g", 42000),)),
            ("Indomilk UHT", ("Cokelat", "Full Cream", "Stroberi"), (("190 ml", 5500),)),
            ("Milo UHT", _ONE, (("180 ml", 6500),)),
        ),
    ),
    _Family(
        "Perawatan Diri",
        _STD,
        "PRW",
        (
            (
                "Lifebuoy Sabun Batang",
                ("Total 10", "Mild Care", "Lemon Fresh"),
                (("75 g", 4000), ("110 g", 5500)),
            ),
            (
                "Lifebuoy Body Wash",
                ("Total 10", "Mild Care", "Cool Fresh"),
                (("250 ml Refill", 18500), ("450 ml", 38500)),
            ),
            (
                "Lux Sabun Batang",
                ("Soft Rose", "Magical Orchid", "Velvet Jasmine"),
                (("75 g", 4000),),
            ),
            (
                "Lux Body Wash",
                ("Soft Rose", "Magical Orchid", "Velvet Jasmine"),
                (("250 ml", 21000),),
            ),
            ("Dettol Sabun Batang", ("Original", "Cool", "Sensitive"), (("100 g", 7000),)),
            ("Nuvo Sabun", ("Family Total Protect", "Cool"), (("72 g", 3500),)),
            ("Giv Sabun", ("Bengkoang", "Pepaya", "Susu"), (("72 g", 3000),)),
            ("Shinzui Sabun", ("Matsu", "Hana"), (("80 g", 5500),)),
            (
                "Sunsilk Shampoo",
                ("Black Shine", "Soft & Smooth", "Hijab Refresh"),
                (("70 ml", 10000), ("170 ml", 24000), ("340 ml", 43500)),
            ),
            (
                "Pantene Shampoo",
                ("Anti Dandruff", "Hair Fall Control", "Total Damage Care"),
                (("70 ml", 11500), ("160 ml", 26000), ("290 ml", 45000)),
            ),
            (
                "Clear Shampoo",
                ("Men Cool Sport Menthol", "Ice Cool Menthol", "Complete Soft Care"),
                (("70 ml", 12000), ("160 ml", 27500), ("300 ml", 48000)),
            ),
            (
                "Head & Shoulders Shampoo",
                ("Cool Menthol", "Lemon Fresh", "Smooth & Silky"),
                (("70 ml", 12500), ("170 ml", 28500), ("300 ml", 49000)),
            ),
            ("Dove Shampoo", ("Nutritive Solutions", "Hair Fall Rescue"), (("160 ml", 27500),)),
            (
                "Lifebuoy Shampoo",
                ("Anti Dandruff", "Kuat & Berkilau"),
                (("70 ml", 9000), ("170 ml", 21500)),
            ),
            (
                "Pepsodent Pasta Gigi",
                ("Pencegah Gigi Berlubang", "Herbal", "Whitening", "Action 123"),
                (("75 g", 6500), ("190 g", 14500)),
            ),
            (
                "Close Up Pasta Gigi",
                ("Fire Freeze", "Menthol Fresh"),
                (("65 g", 8500), ("160 g", 17000)),
            ),
            (
                "Formula Pasta Gigi",
                ("Anti Berlubang", "Herbal Daun Sirih"),
                (("75 g", 6000), ("190 g", 13500)),
            ),
            ("Sensodyne", ("Repair & Protect", "Fresh Mint"), (("100 g", 46500),)),
            ("Ciptadent Pasta Gigi", ("Fresh Mint",), (("120 g", 7000),)),
            ("Sikat Gigi Formula", ("Silver Protection", "Ultra Clean"), (("Soft", 9500),)),
            ("Sikat Gigi Oral-B", ("All Rounder",), (("Soft isi 3", 25500),)),
            ("Rexona Roll On", ("Men Ice Cool", "Women Shower Clean"), (("45 ml", 20500),)),
            (
                "Marina Hand & Body Lotion",
                ("UV White", "Natural"),
                (("185 ml", 14500), ("370 ml", 25500)),
            ),
            (
                "Vaseline Body Lotion",
                ("Healthy Bright", "Aloe Soothe"),
                (("200 ml", 33000), ("400 ml", 58500)),
            ),
            (
                "Pond's Facial Foam",
                ("Bright Beauty", "Acne Clear"),
                (("50 g", 24500), ("100 g", 41000)),
            ),
            ("Wardah Facial Wash", ("Lightening", "Acnederm"), (("60 ml", 23500),)),
            ("Biore Body Foam", ("Pure Mild", "Lovely Sakura"), (("450 ml", 32500),)),
            (
                "Citra Hand & Body Lotion",
                ("Sakura Fair UV", "Pearly White UV"),
                (("230 ml", 19500),),
            ),
            ("Charm Pembalut", ("Extra Maxi Wing", "Night Safe Wing"), (("isi 16", 22500),)),
            (
                "Laurier Pembalut",
                ("Active Day Super Maxi", "Relax Night 35 cm"),
                (("isi 20", 24500),),
            ),
            ("Softex Pembalut", ("Daun Sirih", "Comfort Slim"), (("isi 20", 18500),)),
            ("Gillette Blue II", ("Plus",), (("isi 2", 12500),)),
            ("Cotton Bud Selection", _ONE, (("isi 100", 6500),)),
        ),
    ),
    _Family(
        "Perawatan Diri",
        _LUXURY,
        "PRW",
        (
            ("Parfum Chanel No 5", ("Eau de Parfum",), (("100 ml", 3250000),)),
            ("Parfum Dior Sauvage", ("Eau de Toilette",), (("100 ml", 2150000),)),
            ("Parfum Jo Malone Wood Sage & Sea Salt", ("Cologne",), (("100 ml", 2950000),)),
            ("Parfum Tom Ford Oud Wood", ("Eau de Parfum",), (("50 ml", 4850000),)),
        ),
    ),
    _Family(
        "Kebersihan Rumah",
        _STD,
        "KBR",
        (
            (
                "Rinso Deterjen Bubuk",
                ("Anti Noda", "Molto Rose Fresh"),
                (("770 g", 23500), ("1,8 kg", 52000)),
            ),
            ("Rinso Deterjen Cair", ("Anti Noda", "Molto Purple"), (("750 ml", 24500),)),
            (
                "So Klin Deterjen Bubuk",
                ("Softergent", "Rapika"),
                (("770 g", 19500), ("1,4 kg", 34500)),
            ),
            (
                "Attack Deterjen Bubuk",
                ("Clean Maximizer", "Jaz1 Pesona Segar"),
                (("800 g", 21500),),
            ),
            ("Daia Deterjen Bubuk", ("Bunga", "Lemon"), (("850 g", 17500),)),
            (
                "Molto Pewangi",
                ("Pure", "Ultra Sekali Bilas", "Blue"),
                (("820 ml", 22500), ("1,6 L", 41000)),
            ),
            ("Downy Pewangi", ("Sunrise Fresh", "Mystique"), (("720 ml", 26500),)),
            ("So Klin Pewangi", ("Lavender", "Royal Gold"), (("800 ml", 15500),)),
            (
                "Sunlight Sabun Cuci Piring",
                ("Jeruk Nipis", "Lemon Teh Hijau", "Extra Power"),
                (("210 ml", 5500), ("400 ml", 10500), ("755 ml", 18500)),
            ),
            ("Mama Lemon", ("Jeruk Nipis", "Anti Bau"), (("780 ml", 16500),)),
            (
                "Wipol Karbol Wangi",
                ("Cemara", "Lemon", "Sereh"),
                (("450 ml", 12500), ("780 ml", 19500)),
            ),
            (
                "Super Pell Pembersih Lantai",
                ("Lemon Ginger", "Cherry Berry", "Fresh Apple"),
                (("450 ml", 11500), ("770 ml", 18500)),
            ),
            ("Vixal Pembersih Porselen", ("Biru", "Merah"), (("470 ml", 15500),)),
            ("Bayclin Pemutih", ("Reguler", "Lemon"), (("500 ml", 10500), ("1 L", 18500))),
            ("Harpic Pembersih Toilet", ("Fresh Pine",), (("450 ml", 17500),)),
            ("Baygon Aerosol", ("Lavender", "Citrus Fresh", "Flower Garden"), (("600 ml", 44500),)),
            ("Hit Aerosol", ("Lavender", "Orange"), (("600 ml", 35500),)),
            ("Baygon Bakar", ("Lavender",), (("isi 10", 8500),)),
            ("Autan Lotion", ("Jeruk", "Lavender"), (("50 ml", 9500),)),
            ("Stella Pengharum Ruangan", ("Jeruk", "Lavender", "Apel", "Pine"), (("42 g", 14500),)),
            ("Glade Aerosol", ("Lavender", "Morning Freshness"), (("350 ml", 31500),)),
            ("Tisu Paseo", ("Smart Facial", "Basic Soft Pack"), (("250 sheet", 18500),)),
            ("Tisu Nice", ("Facial",), (("180 sheet", 12000), ("250 sheet", 15500))),
            ("Tisu Toilet Paseo", _ONE, (("isi 6", 28500), ("isi 10", 44500))),
            ("Tisu Basah Mitu", ("Baby Blue", "Antiseptic"), (("isi 50", 14500),)),
            ("Kantong Sampah Bagus", ("Hitam Besar",), (("isi 10", 12000),)),
            ("Scotch-Brite Spons Cuci Piring", _ONE, (("isi 3", 14500),)),
            ("Korek Api Gas Tokai", _ONE, (("1 pcs", 4500),)),
            ("Lilin Putih", _ONE, (("isi 10", 12500),)),
        ),
    ),
    _Family(
        "Bayi",
        _STD,
        "BYI",
        (
            ("MamyPoko Pants Standar", ("S", "M", "L", "XL"), (("isi 22", 65000),)),
            ("Sweety Silver Pants", ("M", "L", "XL"), (("isi 26", 79500),)),
            ("Merries Pants Good Skin", ("M", "L", "XL"), (("isi 30", 118500),)),
            ("Zwitsal Baby Powder", ("Natural", "Classic"), (("100 g", 12500), ("300 g", 29500))),
            (
                "Zwitsal Baby Shampoo",
                ("Aloe Vera", "Natural"),
                (("100 ml", 15500), ("200 ml", 28000)),
            ),
            ("Zwitsal Baby Bath", ("Milk & Honey", "Natural"), (("300 ml", 32500),)),
            (
                "Minyak Telon",
                ("Konicare", "Cap Lang", "My Baby Plus"),
                (("60 ml", 21500), ("125 ml", 39500)),
            ),
            (
                "SGM Eksplor",
                ("1+ Madu", "1+ Vanila", "3+ Madu"),
                (("400 g", 52500), ("900 g", 112000)),
            ),
            ("Bebelac 3", ("Vanila", "Madu"), (("800 g", 165000),)),
            ("Lactogen 1", _ONE, (("350 g", 75500),)),
            ("Promina Bubur Bayi", ("Beras Merah", "Pisang", "Kacang Hijau"), (("120 g", 18500),)),
            ("SUN Bubur Bayi", ("Beras Merah", "Kacang Hijau", "Ayam Bawang"), (("120 g", 13500),)),
            ("Cussons Kids Shampoo", ("Strawberry", "Melon"), (("200 ml", 24500),)),
            ("Pigeon Botol Susu", ("Peristaltic Plus",), (("160 ml", 98500),)),
            ("Pigeon Dot", ("Peristaltic Plus",), (("M", 45000),)),
            ("Sweety Baby Wipes", ("Hijau",), (("isi 60", 17500),)),
        ),
    ),
    _Family(
        "ATK",
        _STD,
        "ATK",
        (
            (
                "Buku Tulis Sinar Dunia",
                _ONE,
                (("38 lembar", 4000), ("58 lembar", 5500), ("isi 10 x 38 lembar", 36000)),
            ),
            ("Buku Tulis Kiky", ("Campus",), (("58 lembar", 6500),)),
            ("Buku Gambar Kiky", ("A4",), (("10 lembar", 5000),)),
            (
                "Pulpen Standard AE7",
                ("Hitam", "Biru", "Merah"),
                (("0,5 mm", 2500), ("isi 12", 28000)),
            ),
            ("Pulpen Pilot BPT-P", ("Hitam", "Biru"), (("0,7 mm", 4500),)),
            ("Pulpen Gel Joyko GP-265", ("Hitam", "Biru"), (("0,5 mm", 4000),)),
            ("Pensil 2B", ("Faber-Castell", "Staedtler"), (("1 pcs", 4500), ("isi 12", 48500))),
            ("Penghapus", ("Faber-Castell Putih", "Staedtler Mars Plastic"), (("kecil", 3000),)),
            ("Rautan Joyko", _ONE, (("1 pcs", 2500),)),
            (
                "Spidol Snowman",
                ("Whiteboard Hitam", "Whiteboard Biru", "Permanent Hitam"),
                (("1 pcs", 9500),),
            ),
            ("Stabilo Boss", ("Kuning", "Hijau", "Pink"), (("1 pcs", 11000),)),
            (
                "Kertas HVS Sinar Dunia",
                ("A4", "F4"),
                (("70 g 1 rim", 54500), ("80 g 1 rim", 62500)),
            ),
            ("Amplop Paperline", ("Putih 104",), (("isi 100", 16500),)),
            ("Map Plastik Kancing", ("Folio",), (("1 pcs", 3500),)),
            ("Lakban Bening Daimaru", ("48 mm",), (("90 yard", 17500),)),
            ("Lakban Cokelat", ("48 mm",), (("90 yard", 16500),)),
            ("Isolasi Nachi", ("12 mm",), (("1 pcs", 3000),)),
            ("Lem Fox PVAc", _ONE, (("150 g", 9500),)),
            ("Lem Kertas UHU Stic", _ONE, (("8,2 g", 8500),)),
            ("Stapler Kangaro HD-10", _ONE, (("1 pcs", 21500),)),
            ("Isi Staples Kangaro No. 10", _ONE, (("1 pak", 3500),)),
            ("Gunting Joyko SC-848", _ONE, (("1 pcs", 11500),)),
            ("Penggaris Butterfly", ("30 cm",), (("1 pcs", 3500),)),
            ("Kenko Correction Pen", _ONE, (("12 ml", 6500),)),
        ),
    ),
    _Family(
        "Obat & Kesehatan",
        _STD,
        "OBT",
        (
            ("Panadol", ("Biru", "Merah Extra", "Cold & Flu"), (("isi 10 tablet", 13500),)),
            ("Panadol Anak", ("Sirup",), (("60 ml", 38500),)),
            ("Bodrex", ("Tablet", "Migra", "Flu & Batuk"), (("isi 10 tablet", 5500),)),
            ("Paramex", ("Sakit Kepala",), (("isi 4 tablet", 3000),)),
            ("Mixagrip", ("Flu", "Flu & Batuk"), (("isi 4 kaplet", 3500),)),
            ("Decolgen", ("Tablet",), (("isi 4 tablet", 2500),)),
            ("Procold", ("Flu & Batuk",), (("isi 6 kaplet", 5000),)),
            (
                "OBH Combi",
                ("Batuk Flu Menthol", "Batuk Berdahak", "Anak Madu"),
                (("60 ml", 16500), ("100 ml", 22500)),
            ),
            ("Komix Herbal", ("Jahe", "Peppermint"), (("isi 6 sachet", 9500),)),
            ("Woods Peppermint", ("Ekspektoran", "Antitusif"), (("60 ml", 23500),)),
            (
                "Tolak Angin",
                ("Cair", "Cair Anak", "Flu"),
                (("15 ml", 4500), ("isi 5 x 15 ml", 20500)),
            ),
            ("Antangin JRG", ("Cair",), (("15 ml", 4000),)),
            ("Promag", ("Tablet",), (("isi 12 tablet", 9500),)),
            ("Mylanta Cair", _ONE, (("50 ml", 17500),)),
            ("Entrostop", ("Tablet",), (("isi 12 tablet", 11000),)),
            ("Diapet", ("Kapsul",), (("isi 4 kapsul", 5500),)),
            (
                "Minyak Kayu Putih Cap Lang",
                _ONE,
                (("30 ml", 15500), ("60 ml", 27500), ("120 ml", 49500)),
            ),
            ("Freshcare Aromaterapi", ("Original", "Hot", "Lavender"), (("10 ml", 15000),)),
            ("Counterpain Krim", _ONE, (("15 g", 24500), ("30 g", 43000))),
            ("Balsem Geliga", _ONE, (("20 g", 9500), ("40 g", 17000))),
            ("Hansaplast Plester", ("Kain Elastis", "Transparan"), (("isi 10", 7500),)),
            ("Betadine Antiseptik", _ONE, (("15 ml", 17000), ("30 ml", 28500))),
            ("Insto Tetes Mata", ("Regular", "Dry Eyes"), (("7,5 ml", 17500),)),
            ("Masker Medis Sensi", ("3 Ply",), (("isi 50", 35000),)),
            ("Vitamin C IPI", _ONE, (("isi 45 tablet", 9500),)),
            ("Enervon-C", _ONE, (("isi 30 tablet", 39500),)),
            ("Sangobion", _ONE, (("isi 10 kapsul", 19500),)),
            ("Redoxon", ("Zinc",), (("isi 10 tablet", 48500),)),
            ("Imboost", ("Force",), (("isi 10 kaplet", 52000),)),
            ("Cerebrofort Gold", ("Stroberi",), (("100 ml", 31500),)),
        ),
    ),
    _Family(
        "Segar",
        _EXEMPT,
        "SGR",
        (
            ("Tahu Putih", _ONE, (("isi 10", 10000),)),
            ("Tempe Papan", _ONE, (("500 g", 9000),)),
            ("Sayur", ("Bayam", "Kangkung", "Sawi Hijau", "Selada Keriting"), (("1 ikat", 4500),)),
            ("Wortel", ("Lokal",), (("500 g", 9000),)),
            ("Kentang", ("Dieng",), (("1 kg", 22000),)),
            ("Pisang Cavendish", ("Sunpride",), (("1 sisir", 28500),)),
            ("Jagung Manis", _ONE, (("isi 2", 10000),)),
            ("Jamur Tiram", _ONE, (("200 g", 8500),)),
            ("Timun", ("Lokal",), (("500 g", 7000),)),
            ("Daun Bawang", _ONE, (("100 g", 3500),)),
        ),
    ),
)

_WEIGHED: Final[tuple[tuple[str, int], ...]] = (
    ("Daging Sapi Has Dalam", 145000),
    ("Daging Sapi Sandung Lamur", 125000),
    ("Daging Sapi Giling", 130000),
    ("Ayam Potong Utuh", 38000),
    ("Dada Ayam Fillet", 62000),
    ("Ikan Kembung", 48000),
    ("Ikan Nila", 42000),
    ("Udang Vaname", 95000),
    ("Bawang Merah", 42000),
    ("Bawang Putih", 38000),
    ("Cabai Merah Keriting", 55000),
    ("Cabai Rawit Merah", 65000),
    ("Tomat", 16000),
    ("Jeruk Medan", 32000),
    ("Apel Fuji", 45000),
)
"""Loose goods priced per kg; all exempt (meat, fish, vegetables and fruit)."""

_SYNTHETIC_EXTRAS: Final[tuple[str, ...]] = (
    "",
    "",
    "",
    "Hemat",
    "Promo",
    "Family Pack",
    "Isi Ulang",
    "Jumbo",
    "Mini",
    "Bundle 2",
    "Bundle 3",
    "Edisi Terbatas",
)


def _shelf_price(base: int, rng: random.Random) -> int:
    """``base`` give or take 5%, rounded the way shops price: to Rp100, Rp500 above Rp20.000."""
    raw = base * (0.95 + 0.1 * rng.random())
    step = 100 if raw < 20_000 else 500 if raw < 1_000_000 else 5_000
    return max(step, round(raw / step) * step)


def _ean13(body: str) -> str:
    return body + str(gtin_check_digit(body))


def _name(stem: str, variant: str, size: str) -> str:
    return " ".join(part for part in (stem, variant, size) if part)


def demo_products() -> list[DemoProduct]:
    """The demo catalog: about 750 packaged products and 15 goods sold by weight.

    Each product line (brand) gets its own invented company prefix after 899, so the barcodes
    of one brand share a prefix like real ones do.
    """
    rng = random.Random(_SEED)
    companies = rng.sample(range(1000, 10_000), sum(len(f.lines) for f in _FAMILIES))
    counters: dict[str, int] = {}
    products: list[DemoProduct] = []
    company_iter = iter(companies)
    for family in _FAMILIES:
        for stem, variants, sizes in family.lines:
            company = next(company_iter)
            item = rng.randrange(100, 5_000)
            for variant in variants:
                for size, base in sizes:
                    item += 1 + rng.randrange(3)
                    counter = counters.get(family.sku_prefix, 0) + 1
                    counters[family.sku_prefix] = counter
                    products.append(
                        DemoProduct(
                            sku=f"{family.sku_prefix}-{counter:04d}",
                            barcode=_ean13(f"899{company:04d}{item:05d}"),
                            name=_name(stem, variant, size),
                            category=family.category,
                            price=_shelf_price(base, rng),
                            tax_code=family.tax_code,
                        )
                    )
    for number, (name, per_kg) in enumerate(_WEIGHED, start=1):
        products.append(
            DemoProduct(
                sku=f"SGR-K{number:03d}",
                barcode="",
                name=name,
                category="Segar",
                price=_shelf_price(per_kg, rng),
                tax_code=_EXEMPT,
                sold_by_weight=True,
                unit="kg",
                in_store_code=f"20{10000 + number:05d}",
            )
        )
    return products


@functools.cache
def _weighted_digit_sums() -> tuple[int, ...]:
    """GS1 weighted digit sums (3, 1, 3, 1 from the right) of every 4-digit block.

    The synthetic barcode body is three 4-digit blocks, each starting at an even distance from
    the right, so its check digit is a sum of three table entries: several times faster than
    ``gtin_check_digit`` digit by digit, which matters at 300,000 products. Tests compare the two.
    """
    return tuple(
        sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(f"{k:04d}")))
        for k in range(10_000)
    )


def synthetic_products(n: int, seed: int = 0) -> Iterator[DemoProduct]:
    """``n`` plausible products with unique SKUs and valid, unique barcodes, for benchmarks.

    Barcodes are ``8990`` plus an 8-digit number from an affine permutation of ``0..10^8-1``
    (a multiplier coprime to 10), so they are unique without remembering the ones issued.
    Names repeat, as they do in real catalogs; barcodes and SKUs never do.
    """
    if not 0 <= n <= _SYNTHETIC_SPACE:
        raise ValueError(f"n must be 0..{_SYNTHETIC_SPACE}: {n}")
    rng = random.Random(seed)
    multiplier = rng.randrange(1, _SYNTHETIC_SPACE // 10) * 10 + rng.choice((1, 3, 7, 9))
    offset = rng.randrange(_SYNTHETIC_SPACE)
    choices = [
        (family.category, family.tax_code, _name(stem, variant, size), base)
        for family in _FAMILIES
        for stem, variants, sizes in family.lines
        for variant in variants
        for size, base in sizes
    ]
    sums = _weighted_digit_sums()
    prefix_sum = sums[int(_SYNTHETIC_PREFIX)]
    uniform = rng.random
    count = len(choices)
    extras = len(_SYNTHETIC_EXTRAS)
    for i in range(n):
        category, tax_code, name, base = choices[int(uniform() * count)]
        extra = _SYNTHETIC_EXTRAS[int(uniform() * extras)]
        number = (multiplier * i + offset) % _SYNTHETIC_SPACE
        check = -(prefix_sum + sums[number // 10_000] + sums[number % 10_000]) % 10
        yield DemoProduct(
            sku=f"SYN{seed}-{i:07d}",
            barcode=f"{_SYNTHETIC_PREFIX}{number:08d}{check}",
            name=f"{name} {extra}" if extra else name,
            category=category,
            price=_shelf_price(base, rng),
            tax_code=tax_code,
        )

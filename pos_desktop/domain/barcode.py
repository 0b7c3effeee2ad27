"""Barcodes as scanners send them and as the catalog stores them.

One product can reach the till as several strings: a UPC-E on the can, the same number expanded
to UPC-A by one scanner, prefixed with an AIM symbology identifier by another, or typed by hand
from the digits under the bars. ``normalize`` maps all of them to one canonical form (EAN-13
for anything in the EAN/UPC family, EAN-8 kept as it is) so the catalog stores, and the till
looks up, a single key.

Check digits (mod 10, weights 3 and 1 from the right) catch a dropped or misread digit; a code
of a GTIN length whose check fails is refused rather than looked up, so a misread never rings
up a different product.

In-store codes: EAN-13 numbers starting with 2 are for use inside one store. Scales print labels
that carry an item number and a weight or price; ``InStoreRule`` describes one such layout, and
``make_in_store_code`` mints codes for products that came without a barcode.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

GTIN_LENGTHS = frozenset({8, 12, 13, 14})
"""EAN-8, UPC-A, EAN-13 and GTIN-14 (ITF-14 / GS1-128 AI 01)."""

_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")
"""``]``, symbology letter, modifier: ``]E0`` EAN/UPC, ``]E4`` EAN-8, ``]C1`` GS1-128."""

AIM_EAN13_UPC = "]E0"
AIM_EAN8 = "]E4"


def _is_digits(code: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts superscripts and other scripts' digits."""
    return code.isascii() and code.isdigit()


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit for ``body`` (a GTIN without its last digit).

    Weights alternate 3, 1, 3 ... starting from the rightmost body digit, which is why the same
    function serves every GTIN length and leading zeros never change the result.
    """
    if not body or not _is_digits(body):
        raise ValueError(f"not a digit string: {body!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True for an 8, 12, 13 or 14 digit code whose check digit is right."""
    if len(code) not in GTIN_LENGTHS or not _is_digits(code):
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def expand_upce(code: str) -> str:
    """The 12-digit UPC-A a zero-suppressed 8-digit UPC-E stands for.

    ``code`` is number system (0 or 1), six data digits and the check digit; the check digit
    belongs to the UPC-A, so it is verified after expansion. Raises ``ValueError`` for anything
    that is not a valid UPC-E.
    """
    if len(code) != 8 or not _is_digits(code) or code[0] not in "01":
        raise ValueError(f"not a UPC-E code: {code!r}")
    system, data, check = code[0], code[1:7], code[7]
    d1, d2, d3, d4, d5, last = list(data)
    if last in "012":
        body = f"{system}{d1}{d2}{last}0000{d3}{d4}{d5}"
    elif last == "3":
        body = f"{system}{d1}{d2}{d3}00000{d4}{d5}"
    elif last == "4":
        body = f"{system}{d1}{d2}{d3}{d4}00000{d5}"
    else:
        body = f"{system}{d1}{d2}{d3}{d4}{d5}0000{last}"
    if gtin_check_digit(body) != int(check):
        raise ValueError(f"bad UPC-E check digit: {code!r}")
    return body + check


def _upce_as_ean13(code: str) -> str | None:
    try:
        return "0" + expand_upce(code)
    except ValueError:
        return None


def strip_aim(code: str) -> tuple[str, str | None]:
    """Split off a leading AIM symbology identifier: ``"]E05901234123457"`` -> (code, ``"]E0"``).

    Surrounding whitespace is removed first and from the rest afterwards. The identifier is
    returned whole (``]`` included), as the scanner sent it.
    """
    code = code.strip()
    if _AIM.match(code):
        return code[3:].strip(), code[:3]
    return code, None


def _clean(code: str) -> tuple[str, str | None]:
    """Whitespace and AIM prefixes off; spaces inside an all-digit code removed.

    Every AIM prefix is removed, not only the first, so that ``normalize`` is idempotent. Digits
    typed from the human-readable line under the bars often carry its gaps (``8 991002 101234``);
    spaces inside anything that is not all digits are part of a SKU and kept.
    """
    symbology: str | None = None
    code, found = strip_aim(code)
    while found is not None:
        symbology = symbology or found
        code, found = strip_aim(code)
    compact = "".join(code.split())
    if _is_digits(compact):
        return compact, symbology
    return code, symbology


def _canonical(code: str, symbology: str | None) -> str:
    """The canonical form of an already cleaned code; invalid or non-GTIN codes are unchanged.

    An 8-digit code can be an EAN-8 or a UPC-E, and about one in ten UPC-E numbers also has a
    valid EAN-8 check digit, so the digits alone cannot decide. The AIM identifier can: ``]E4``
    is EAN-8 and ``]E0`` covers UPC-E. Without it EAN-8 wins: GS1 Indonesia issues EAN-8
    numbers to local brands, while UPC-E appears only on some imported North American goods,
    and a scanner set to expand UPC-E to UPC-A (the usual setting) removes the doubt for those.
    """
    if not _is_digits(code):
        return code
    length = len(code)
    if length == 8:
        upce = _upce_as_ean13(code)
        if symbology == AIM_EAN13_UPC and upce is not None:
            return upce
        if is_valid_gtin(code):
            return code
        return upce if upce is not None else code
    if length == 12 and is_valid_gtin(code):
        return "0" + code
    if length == 14 and code[0] == "0" and is_valid_gtin(code):
        return code[1:]
    return code


def normalize(code: str) -> str:
    """The key a barcode is stored and looked up by.

    UPC-E and UPC-A become EAN-13 (leading ``0``), a GTIN-14 with indicator ``0`` loses it, EAN-8
    and EAN-13 stay. Codes that are not all digits (in-store SKUs such as ``BERAS-5KG``) and
    digit strings that are not valid GTINs come back only stripped, so a bad check digit stays
    visible to the caller. ``normalize(normalize(x)) == normalize(x)``.
    """
    cleaned, symbology = _clean(code)
    return _canonical(cleaned, symbology)


def normalize_scan(code: str) -> tuple[str, str | None]:
    """``normalize`` that also returns the AIM identifier the scanner sent, if any."""
    cleaned, symbology = _clean(code)
    return _canonical(cleaned, symbology), symbology


class ValueKind(enum.StrEnum):
    WEIGHT = "weight"
    PRICE = "price"


@dataclass(frozen=True, slots=True)
class InStoreRule:
    """One label layout of a scale: ``prefix``, item digits, value digits, then the check digit.

    ``20 IIIII WWWWW C`` is ``InStoreRule("20", 5, 5, 3, ValueKind.WEIGHT)``: weight in kg with
    three decimals. Price rules carry the price in the currency's minor units (whole rupiah), so
    their ``decimals`` must be 0. Some scales can add a check digit for the value field alone;
    these rules have none (scales are set up without it), and only the code's own GTIN check
    digit is verified.
    """

    prefix: str
    item_digits: int
    value_digits: int
    decimals: int
    kind: ValueKind
    length: int = 13

    def __post_init__(self) -> None:
        if not self.prefix or not _is_digits(self.prefix):
            raise ValueError(f"in-store prefix must be digits: {self.prefix!r}")
        if self.length not in GTIN_LENGTHS:
            raise ValueError(f"in-store code length must be a GTIN length: {self.length}")
        if self.item_digits < 1 or self.value_digits < 1:
            raise ValueError("in-store codes need at least one item digit and one value digit")
        if len(self.prefix) + self.item_digits + self.value_digits + 1 != self.length:
            raise ValueError(
                f"prefix {self.prefix!r} + {self.item_digits} item + {self.value_digits} value"
                f" + 1 check digit != {self.length}"
            )
        if not 0 <= self.decimals <= self.value_digits:
            raise ValueError(f"decimals must be 0..{self.value_digits}: {self.decimals}")
        if self.kind is ValueKind.PRICE and self.decimals != 0:
            raise ValueError("price rules carry whole minor units: decimals must be 0")

    def matches(self, code: str) -> bool:
        return len(code) == self.length and code.startswith(self.prefix)


DEFAULT_RULES: tuple[InStoreRule, ...] = (
    InStoreRule(prefix="20", item_digits=5, value_digits=5, decimals=3, kind=ValueKind.WEIGHT),
    InStoreRule(prefix="21", item_digits=5, value_digits=5, decimals=0, kind=ValueKind.PRICE),
    InStoreRule(prefix="23", item_digits=5, value_digits=5, decimals=0, kind=ValueKind.PRICE),
)
"""``20 IIIII WWWWW C`` (weight, kg, 3 decimals); ``21 IIIII PPPPP C`` and ``23 IIIII PPPPP C``
(price, rupiah): many Indonesian shops' scales print their price labels under 23."""


@dataclass(frozen=True, slots=True)
class InStoreCode:
    """A parsed scale label.

    ``item_code`` is the prefix plus the item digits (``"2012345"`` for ``2012345012349``): the
    prefix is kept because the same item digits under another prefix are another product (a
    weight label and a price label are set up separately on the scale), and it makes the key
    unmistakable next to SKUs in the catalog, where the product stores it as its in-store code.
    """

    item_code: str
    weight: Decimal | None
    price: int | None
    rule: InStoreRule


def parse_in_store(code: str, rules: Sequence[InStoreRule]) -> InStoreCode | None:
    """The scale label ``code`` encodes, or ``None`` when no rule matches or the check fails.

    ``code`` must already be normalized. When several rules match, the longest prefix wins, so a
    store can add a specific ``"285"`` rule next to a general ``"28"`` one.
    """
    if not is_valid_gtin(code):
        return None
    matching = [rule for rule in rules if rule.matches(code)]
    if not matching:
        return None
    rule = max(matching, key=lambda r: len(r.prefix))
    item_end = len(rule.prefix) + rule.item_digits
    value = int(code[item_end : item_end + rule.value_digits])
    if rule.kind is ValueKind.WEIGHT:
        weight = Decimal(value).scaleb(-rule.decimals)
        return InStoreCode(code[:item_end], weight, None, rule)
    return InStoreCode(code[:item_end], None, value, rule)


def make_in_store_code(prefix: str, number: int, digits: int) -> str:
    """A valid EAN-13 ``prefix + number (zero-padded to digits) + check`` for an unlabelled product.

    Shops with unlabelled goods print these on their own label printer. The prefix must start
    with ``2`` (GS1's in-store range, never issued to a brand, so it cannot collide with a real
    product) and should not be one the scale rules use; ``"29"`` is the usual choice.
    """
    if not prefix or not _is_digits(prefix) or prefix[0] != "2":
        raise ValueError(f"in-store prefix must be digits starting with 2: {prefix!r}")
    if digits < 1 or len(prefix) + digits != 12:
        raise ValueError(f"prefix {prefix!r} + {digits} digits must make 12 digits")
    if not 0 <= number < 10**digits:
        raise ValueError(f"{number} does not fit in {digits} digits")
    body = f"{prefix}{number:0{digits}d}"
    return body + str(gtin_check_digit(body))


def parse_store_number(code: str, prefix: str) -> int | None:
    """The number ``make_in_store_code`` put into ``code``, or ``None`` if it is not one of ours.

    The catalog uses it to find the highest number issued under a prefix and hand out the next.
    """
    if len(code) != 13 or not code.startswith(prefix) or not is_valid_gtin(code):
        return None
    return int(code[len(prefix) : -1])

"""The Python-client example in docs/integrations.md runs, as written, against a real server
through the client generated from docs/openapi.json: a guide whose example no longer works
fails the tests, not an integrator."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.client.conftest import Shop
from tests.client.generated import PACKAGE, ROOT, GeneratedClient
from tests.server.factories import STD_ITEMS, make_sale

pytestmark = pytest.mark.xdist_group("generated_client")

GUIDE = ROOT / "docs" / "integrations.md"
SECTION = "## Klien Python / Python client"


def python_of(markdown: str, heading: str) -> str:
    """The Python code blocks of one ``##`` section, in order."""
    start = markdown.index(f"\n{heading}\n")
    end = markdown.find("\n## ", start + 1)
    section = markdown[start : end if end != -1 else None]
    return "\n".join(re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL))


def test_the_python_client_example_in_the_guide_runs(
    generated: GeneratedClient, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = python_of(GUIDE.read_text(encoding="utf-8"), SECTION)
    assert f"from {PACKAGE} import" in code  # the package name the guide tells people to use
    sales = [make_sale(STD_ITEMS, till_code=shop.till_code).to_json() for _ in range(2)]
    with httpx.Client(base_url=shop.url, timeout=30) as till:
        r = till.post("/v1/sync/sales", json={"sales": sales}, headers=shop.till)
        assert r.status_code == 200, r.text
    monkeypatch.setenv("POS_URL", shop.url)
    monkeypatch.setenv("POS_KEY", shop.key.token)

    example: dict[str, Any] = {"__name__": "integrations_example"}
    exec(compile(code, str(GUIDE), "exec"), example)

    kopi = example["kopi"]
    assert isinstance(kopi, generated.models.ProductDetail) and kopi.sku == "KOPI-001"
    assert {s["receipt_no"] for s in sales} <= set(example["sold"])
    # The guide's problem branch: another product with a taken SKU is a 409 product.sku_taken.
    with pytest.raises(ValueError, match="KOPI-001 belongs to another product"):
        example["add_product"](shop.key, "KOPI-001", "Kopi Tubruk", 3000)

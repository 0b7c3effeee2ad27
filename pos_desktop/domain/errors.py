"""Errors meant for the cashier.

A domain error carries a stable code and its parameters instead of finished text: the UI turns the
code into a translated sentence (Bahasa Indonesia or English), and logs keep the code, which stays
greppable whatever language the till speaks.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Something the person at the till can fix; the cart and the database stay unchanged."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        details = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({details})"

"""A Python client generated from the committed OpenAPI document, as an integrator would make it.

The integration tests in this package talk to a real server through nothing but this client, so
a document that a generator cannot read, or that promises what the server does not answer, fails
``make test`` instead of an integrator's first afternoon.

The generator is ``openapi-python-client`` (the ``dev`` extra), called through its Python API so
that its warnings arrive as values, not as console text to scrape. Every warning fails the
tests except the ones in :data:`KNOWN_GAPS`, each explained there.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from openapi_python_client import generate
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser.errors import GeneratorError

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "openapi.json"
PACKAGE = "pos_cloud_client"
"""The generated package's import name; unique, so it never shadows a real module."""

KNOWN_GAPS: frozenset[tuple[str, str]] = frozenset(
    {
        # The product import takes the CSV file itself as the body (``text/csv``), as the back
        # office's upload does. openapi-python-client generates JSON, form, multipart and binary
        # bodies only, so it leaves this one operation out; integrators send the file with any
        # HTTP client (docs/integrations.md shows curl). Nothing else may be skipped.
        (
            "WARNING parsing POST /v1/products/import within catalog. "
            "Endpoint will not be generated.",
            "Unsupported content type text/csv",
        ),
    }
)
"""(header, detail) of each generator warning that is expected, and why."""


class GenerationFailed(Exception):
    """The generator could not read the document, or warned about something not in
    :data:`KNOWN_GAPS`: the document is what needs fixing."""


@dataclass(frozen=True)
class GeneratedClient:
    """The imported generated package, with short ways to its operation and model modules."""

    package: ModuleType
    made: list[Any] = field(default_factory=list, compare=False)
    """Every client made here, closed by :meth:`close` (each holds an HTTP connection pool)."""

    @property
    def models(self) -> Any:
        """Every model class and enum of the document (``models.ProductIn``)."""
        return importlib.import_module(f"{PACKAGE}.models")

    @property
    def errors(self) -> Any:
        return importlib.import_module(f"{PACKAGE}.errors")

    def api(self, operation: str) -> Any:
        """One operation's module by tag and name, ``"sales.list_sales"``: it has ``sync``
        (the parsed answer) and ``sync_detailed`` (status, headers and the parsed answer)."""
        return importlib.import_module(f"{PACKAGE}.api.{operation}")

    def authenticated(self, base_url: str, token: str) -> Any:
        """A client that sends ``Authorization: Bearer <token>`` and raises on any status the
        document does not list for the operation (so an undocumented answer fails a test)."""
        client_module = importlib.import_module(f"{PACKAGE}.client")
        made = client_module.AuthenticatedClient(
            base_url=base_url, token=token, raise_on_unexpected_status=True
        )
        self.made.append(made)
        return made

    def anonymous(self, base_url: str) -> Any:
        client_module = importlib.import_module(f"{PACKAGE}.client")
        made = client_module.Client(base_url=base_url, raise_on_unexpected_status=True)
        self.made.append(made)
        return made

    def close(self) -> None:
        """Close the connections of every client made (``__exit__`` closes its httpx client)."""
        while self.made:
            self.made.pop().__exit__(None, None, None)


def unexpected(found: list[GeneratorError]) -> list[GeneratorError]:
    """The warnings and errors that are not a known gap."""
    return [e for e in found if (e.header, e.detail or "") not in KNOWN_GAPS]


def describe(problems: list[GeneratorError]) -> str:
    """The failure message: each problem, and what to do about it."""
    lines = [f"- [{e.level.value}] {e.header} {e.detail or ''}".rstrip() for e in problems]
    return (
        f"openapi-python-client cannot use {DOCUMENT.relative_to(ROOT)} as it is:\n"
        + "\n".join(lines)
        + "\nFix the document at its source (server_stub/api), regenerate it with "
        "`python -m server_stub openapi --out docs/openapi.json`, or, if the generator "
        "genuinely cannot express it, add it to KNOWN_GAPS in tests/client/generated.py "
        "with the reason."
    )


def run_generator(output: Path, document: Path = DOCUMENT) -> list[GeneratorError]:
    """Generate the package into ``output``; every warning and error the generator reports.

    No post hooks: the generator's default runs ``ruff`` to format the code, which only changes
    its looks, costs time and needs ruff on ``PATH``.
    """
    config = Config.from_sources(
        ConfigFile(post_hooks=[]),
        MetaType.NONE,
        document,
        "utf-8",
        True,  # overwrite
        output,
    )
    return list(generate(config=config))


def generate_client(into: Path, document: Path = DOCUMENT) -> Path:
    """The package generated into ``into/PACKAGE``; :class:`GenerationFailed` on any warning
    outside :data:`KNOWN_GAPS`."""
    output = into / PACKAGE
    found = run_generator(output, document)
    problems = unexpected(found)
    if problems or not (output / "__init__.py").is_file():
        raise GenerationFailed(describe(problems))
    for known in found:
        log.info("known generator gap: %s %s", known.header, known.detail)
    return output


def load(package_dir: Path) -> GeneratedClient:
    """Import the generated package from its directory, without putting it on ``sys.path``."""
    if PACKAGE in sys.modules:
        return GeneratedClient(sys.modules[PACKAGE])
    spec = importlib.util.spec_from_file_location(
        PACKAGE, package_dir / "__init__.py", submodule_search_locations=[str(package_dir)]
    )
    if spec is None or spec.loader is None:
        raise GenerationFailed(f"cannot import the generated package at {package_dir}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = module
    spec.loader.exec_module(module)
    return GeneratedClient(module)

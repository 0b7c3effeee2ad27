"""Qt Linguist ``.ts`` sources compiled to the ``.qm`` files ``QTranslator`` loads, in pure Python.

The wheel build (``setup.py``) and the PyInstaller spec compile the translations with this
module, so neither needs Qt in its build environment: PySide6 is a few hundred megabytes that an
isolated build would download and unpack on every install only to run ``lrelease``. The output is
byte for byte what ``pyside6-lrelease`` writes with its default options (a test compares the two
on the project's own ``.ts`` files and on one that uses every construct handled here), so a
translation behaves the same whichever tool compiled it.

The layout follows Qt's ``qm.cpp``: a magic number, then tagged sections (language, dependencies,
a sorted table of source-text hashes with message offsets, the messages, plural rules). Messages
are stored with their context, source text and comment so the lookup can tell apart equal hashes.
"""

from __future__ import annotations

import argparse
import logging
import struct
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

# Section tags (qm.cpp)
_LANGUAGE = 0xA7
_DEPENDENCIES = 0x96
_HASHES = 0x42
_MESSAGES = 0x69
_NUMERUS_RULES = 0x88

# Message field tags
_TAG_END = 1
_TAG_TRANSLATION = 3
_TAG_SOURCE_TEXT = 6
_TAG_CONTEXT = 7
_TAG_COMMENT = 8

_NULL_LENGTH = 0xFFFFFFFF
"""How QDataStream writes a null string: lrelease leaves empty translations null."""

_LENGTH_VARIANT_SEPARATOR = "\u009c"
"""Qt joins a translation's length variants (longest first) with this character."""

_Q_EQ = 0x01
_ONE_FORM: tuple[bytes, int] = (b"", 1)
_ENGLISH_STYLE: tuple[bytes, int] = (bytes([_Q_EQ, 1]), 2)
_PLURALS: dict[str, tuple[bytes, int]] = {
    # Qt's numerus.cpp table, for the languages this project may ship: (rules, number of forms).
    **dict.fromkeys(("id", "ms", "ja", "ko", "zh", "th", "vi"), _ONE_FORM),
    **dict.fromkeys(
        ("en", "nl", "de", "it", "es", "sv", "da", "nb", "nn", "no", "fi"), _ENGLISH_STYLE
    ),
}


class TsError(ValueError):
    """A ``.ts`` file this compiler cannot turn into a faithful ``.qm``."""


@dataclass(frozen=True, slots=True)
class TsMessage:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]
    kind: str
    """The translation's ``type``: "" (finished), "unfinished", "vanished" or "obsolete"."""
    plural: bool

    @property
    def released(self) -> bool:
        return self.kind not in ("obsolete", "vanished")


@dataclass(frozen=True, slots=True)
class TsFile:
    language: str
    dependencies: tuple[str, ...]
    messages: tuple[TsMessage, ...]


def _text(element: ET.Element | None) -> str:
    """An element's text with ``<byte value="x1b"/>`` children turned back into characters."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "byte":
            value = child.get("value", "")
            try:
                code = int(value[1:], 16) if value.startswith("x") else int(value)
            except ValueError as exc:
                raise TsError(f"bad <byte value={value!r}>") from exc
            parts.append(chr(code))
        parts.append(child.tail or "")
    return "".join(parts)


def _translation_text(element: ET.Element) -> str:
    if element.get("variants") == "yes":
        return _LENGTH_VARIANT_SEPARATOR.join(_text(v) for v in element.iter("lengthvariant"))
    return _text(element)


def parse_ts(data: bytes) -> TsFile:
    """Read a ``.ts`` document, keeping what ``lrelease`` would release."""
    try:
        root = ET.fromstring(data)  # noqa: S314 -- the project's own translation sources
    except ET.ParseError as exc:
        raise TsError(f"not a .ts file: {exc}") from exc
    if root.tag != "TS":
        raise TsError(f"not a .ts file: the root element is <{root.tag}>")
    dependencies = tuple(
        d.get("catalog", "") for deps in root.findall("dependencies") for d in deps
    )
    messages: list[TsMessage] = []
    for context in root.findall("context"):
        name = _text(context.find("name"))
        for message in context.findall("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            plural = message.get("numerus") == "yes"
            if translation is None:
                texts: tuple[str, ...] = ("",)
            elif plural:
                texts = tuple(_translation_text(f) for f in translation.findall("numerusform"))
            else:
                texts = (_translation_text(translation),)
            messages.append(
                TsMessage(
                    context=name,
                    source=_text(message.find("source")),
                    comment=_text(message.find("comment")),
                    translations=texts or ("",),
                    kind=kind,
                    plural=plural,
                )
            )
    return TsFile(root.get("language", ""), dependencies, tuple(messages))


def _plural_rules(language: str) -> tuple[bytes, int]:
    if not language or language == "C":
        return _ONE_FORM
    base = language.replace("-", "_").split("_")[0].lower()
    try:
        return _PLURALS[base]
    except KeyError:
        raise TsError(
            f"plural rules of language {language!r} are not known to this compiler; "
            "add them from Qt's numerus.cpp"
        ) from None


def _elf_hash(data: bytes) -> int:
    """Qt's ``elfHash`` of source text plus comment: the key of the lookup table."""
    h = 0
    for byte in data:
        if byte == 0:
            break
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _qstring(text: str) -> bytes:
    if not text:
        return struct.pack(">I", _NULL_LENGTH)
    raw = text.encode("utf-16-be")
    return struct.pack(">I", len(raw)) + raw


def _qbytes(raw: bytes) -> bytes:
    return struct.pack(">I", len(raw)) + raw


def _section(tag: int, payload: bytes) -> bytes:
    return struct.pack(">BI", tag, len(payload)) + payload


_Key = tuple[bytes, bytes, bytes]


def compile_ts(data: bytes) -> bytes:
    """The ``.qm`` bytes for a ``.ts`` document (``lrelease`` defaults: unfinished translations
    that have text are included, empty ones left out)."""
    ts = parse_ts(data)
    rules, forms = _plural_rules(ts.language)
    # lrelease drops a message's comment (disambiguation) unless the context is empty or some
    # message of the same context and source text, released or not, has no comment.
    bare_exists = {(m.context, m.source) for m in ts.messages if not m.comment}
    released: dict[_Key, tuple[str, ...]] = {}
    seen: set[_Key] = set()
    for message in ts.messages:
        if not message.released:
            continue
        key = (
            message.context.encode("utf-8"),
            message.source.encode("utf-8"),
            message.comment.encode("utf-8"),
        )
        if key in seen:
            log.warning("duplicate message %r in context %r; keeping the first", *key[1::-1])
            continue
        seen.add(key)
        texts = message.translations
        wanted = forms if message.plural else 1
        texts = (texts + ("",) * wanted)[:wanted]
        if message.kind == "unfinished" and not texts[0]:
            continue  # untranslated
        keep_comment = (
            not message.comment
            or not message.context
            or (message.context, message.source) in bare_exists
        )
        bare = (key[0], key[1], b"")
        if not keep_comment and bare not in released:
            released[bare] = texts
        else:
            released.setdefault(key, texts)

    messages = bytearray()
    offsets: list[tuple[int, int]] = []
    for (context, source, comment), texts in sorted(released.items()):
        offsets.append((_elf_hash(source + comment), len(messages)))
        for text in texts:
            messages += bytes([_TAG_TRANSLATION]) + _qstring(text)
        messages += bytes([_TAG_COMMENT]) + _qbytes(comment)
        messages += bytes([_TAG_SOURCE_TEXT]) + _qbytes(source)
        messages += bytes([_TAG_CONTEXT]) + _qbytes(context)
        messages += bytes([_TAG_END])

    out = bytearray(MAGIC)
    if ts.language:
        out += _section(_LANGUAGE, ts.language.encode("utf-8"))
    if ts.dependencies:
        out += _section(_DEPENDENCIES, b"".join(_qstring(d) for d in ts.dependencies))
    if offsets:
        table = b"".join(struct.pack(">II", h, o) for h, o in sorted(offsets))
        out += _section(_HASHES, table)
        out += _section(_MESSAGES, bytes(messages))
    if rules:
        out += _section(_NUMERUS_RULES, rules)
    return bytes(out)


def compile_file(source: Path, target: Path) -> Path:
    """Compile one ``.ts`` file; the ``.qm`` is written whole or not at all."""
    payload = compile_ts(source.read_bytes())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    partial.write_bytes(payload)
    partial.replace(target)
    return target


def compile_folder(folder: Path, out_dir: Path | None = None) -> list[Path]:
    """Every ``*.ts`` in ``folder`` to a ``.qm`` of the same name in ``out_dir`` (default: the
    same folder)."""
    return [
        compile_file(ts, (out_dir or folder) / f"{ts.stem}.qm")
        for ts in sorted(folder.glob("*.ts"))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pos_desktop.qm_compiler", description="Compile .ts files to .qm."
    )
    parser.add_argument("source", type=Path, help="a .ts file")
    parser.add_argument(
        "-qm", "--qm", dest="target", type=Path, help="output (default: .qm beside)"
    )
    args = parser.parse_args(argv)
    target = args.target or args.source.with_suffix(".qm")
    try:
        compile_file(args.source, target)
    except (OSError, TsError) as exc:
        sys.stderr.write(f"{args.source}: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

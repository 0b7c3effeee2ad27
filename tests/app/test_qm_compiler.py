"""The pure-Python .ts -> .qm compiler the wheel build uses writes what lrelease writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from pos_desktop.qm_compiler import TsError, compile_file, compile_ts, parse_ts
from pos_desktop.ui.i18n import translations_dir

EDGE_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<dependencies><dependency catalog="qtbase_en"/></dependencies>
<context>
    <name>Zeta</name>
    <message><source>Open</source><comment>menu</comment>
        <translation>Open (menu)</translation></message>
    <message><source>Open</source><comment>door</comment>
        <translation>Open (door)</translation></message>
    <message><source>Open</source><translation>Open plain</translation></message>
    <message><source>Close</source><comment>only one</comment>
        <translation>Close it</translation></message>
    <message><source>Save</source><comment>x</comment>
        <translation type="unfinished"></translation></message>
    <message><source>Save</source><comment>y</comment><translation>Save y</translation></message>
    <message><source>Bell<byte value="x7"/> and tab<byte value="9"/></source>
        <translation>Ding<byte value="x7"/></translation></message>
    <message><source>Long</source><translation variants="yes">
        <lengthvariant>A long one</lengthvariant><lengthvariant>Short</lengthvariant>
        </translation></message>
    <message><source>Half done</source><translation type="unfinished">Half</translation></message>
    <message><source>Not done</source><translation type="unfinished"></translation></message>
    <message><source>Gone</source><translation type="vanished">Went</translation></message>
    <message><source>Old</source><translation type="obsolete">Aged</translation></message>
    <message><source>Empty but finished</source><translation></translation></message>
</context>
<context>
    <name>Alpha é</name>
    <message numerus="yes"><source>%n item(s)</source>
        <translation><numerusform>%n item</numerusform></translation></message>
    <message numerus="yes"><source>%n file(s)</source>
        <translation><numerusform>%n file</numerusform><numerusform>%n files</numerusform>
        <numerusform>%n extra</numerusform></translation></message>
    <message><source>Ünïcödé ✓ 😀</source><translation>Yes 😀</translation></message>
</context>
</TS>
"""


def _lrelease(source: Path, target: Path) -> bytes:
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(tool) if tool.exists() else shutil.which("pyside6-lrelease")
    assert found, "pyside6-lrelease (PySide6) is the reference this test compares with"
    subprocess.run([found, "-silent", str(source), "-qm", str(target)], check=True)
    return target.read_bytes()


@pytest.mark.parametrize("ts", sorted(translations_dir().glob("*.ts")), ids=lambda p: p.name)
def test_project_translations_compile_byte_for_byte_like_lrelease(ts: Path, tmp_path: Path) -> None:
    expected = _lrelease(ts, tmp_path / "lrelease.qm")
    assert compile_ts(ts.read_bytes()) == expected


def test_every_construct_compiles_like_lrelease(tmp_path: Path) -> None:
    """Comments dropped or kept, control characters, length variants, unfinished, vanished and
    obsolete messages, plural forms padded and cut, dependencies, non-ASCII contexts."""
    source = tmp_path / "edge.ts"
    source.write_text(EDGE_TS, encoding="utf-8")
    expected = _lrelease(source, tmp_path / "lrelease.qm")
    written = compile_file(source, tmp_path / "out" / "edge.qm")
    assert written.read_bytes() == expected


def test_compiled_file_translates_in_qt(tmp_path: Path) -> None:
    source = tmp_path / "edge.ts"
    # Qt refuses a file whose dependencies (other catalogs) it cannot load.
    dependencies = '<dependencies><dependency catalog="qtbase_en"/></dependencies>'
    source.write_text(EDGE_TS.replace(dependencies, ""), encoding="utf-8")
    qm = compile_file(source, tmp_path / "edge.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("Zeta", "Open", "door") == "Open (door)"
    assert translator.translate("Zeta", "Open", "menu") == "Open (menu)"
    assert translator.translate("Zeta", "Open") == "Open plain"
    assert translator.translate("Zeta", "Close", "only one") == "Close it"
    assert translator.translate("Zeta", "Half done") == "Half"
    assert translator.translate("Zeta", "Not done") == ""
    assert translator.translate("Zeta", "Gone") == ""
    assert translator.translate("Alpha é", "%n file(s)", None, 2) == "%n files"
    assert translator.translate("Alpha é", "Ünïcödé ✓ 😀") == "Yes 😀"


def test_obsolete_and_vanished_messages_are_parsed_but_not_released() -> None:
    messages = {m.source: m for m in parse_ts(EDGE_TS.encode()).messages}
    assert not messages["Gone"].released and not messages["Old"].released
    assert messages["Half done"].released and messages["Half done"].kind == "unfinished"
    assert messages["Bell\x07 and tab\t"].translations == ("Ding\x07",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (b"<html/>", "root element is <html>"),
        (b"<TS><context>", "not a .ts file"),
        (b'<TS language="xx_YY"/>', "plural rules of language 'xx_YY'"),
        (
            b'<TS><context><name>C</name><message><source>a<byte value="zz"/></source>'
            b"<translation>b</translation></message></context></TS>",
            "bad <byte",
        ),
    ],
)
def test_bad_sources_are_refused_with_the_reason(text: bytes, fragment: str) -> None:
    with pytest.raises(TsError) as info:
        compile_ts(text)
    assert fragment in str(info.value)

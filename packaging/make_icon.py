"""Make the till's raster icons from ``pos_desktop/assets/icon.svg`` with Qt's SVG renderer.

Writes ``icon.png`` (256 px: the window, the Linux desktop entry) and ``icon.ico`` (16 to 256
px, each size rendered from the drawing rather than scaled from one picture: the Windows
executables and the installer) beside the SVG. The outputs are committed, so a build needs
neither this script nor a display; run it again after changing the SVG::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

An ``.ico`` is a small directory of images; since Windows Vista each may be a PNG, which is
what is written here (written by hand: the format is a 6-byte header and 16 bytes per image).
"""

from __future__ import annotations

import argparse
import logging
import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[1] / "pos_desktop" / "assets"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The drawing at ``size`` x ``size`` pixels, antialiased on a transparent ground."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"Qt could not write a {size} px PNG")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ``.ico`` holding each PNG of ``images`` (size -> PNG bytes), smallest first."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(images[size]), offset)
        offset += len(images[size])
    return header + entries + b"".join(images[size] for size in sizes)


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Render ``svg`` into ``out``/icon.png and ``out``/icon.ico; returns the files written."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    png = out / "icon.png"
    png.write_bytes(render_png(renderer, PNG_SIZE))
    ico = out / "icon.ico"
    ico.write_bytes(ico_bytes({size: render_png(renderer, size) for size in ICO_SIZES}))
    return [png, ico]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=ASSETS / "icon.svg")
    parser.add_argument("--out", type=Path, default=ASSETS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = QGuiApplication.instance() or QGuiApplication([])
    for path in make_icons(args.svg, args.out):
        log.info("wrote %s", path)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

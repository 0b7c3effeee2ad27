"""The store logo: raster bands no taller than the profile allows, scaled to the paper, printed
before the header, encoded once per profile; a missing file never stops a receipt."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image as PilImage
from PIL import ImageDraw

from pos_desktop.receipts import (
    PROFILE_58MM,
    PROFILE_80MM,
    PrinterProfile,
    escpos_render,
    render_escpos,
)
from pos_desktop.receipts.model import build_receipt
from tests.escpos_decoder import Image, Qr, decode
from tests.receipts.factories import STORE, make_sale, rich_cart


def _logo(path: Path, size: tuple[int, int]) -> str:
    """A black bar on a transparent background, as shop logos often are."""
    image = PilImage.new("RGBA", size, (255, 255, 255, 0))
    ImageDraw.Draw(image).rectangle((0, size[1] // 4, size[0] - 1, size[1] * 3 // 4), "black")
    image.save(path)
    return str(path)


def _receipt():
    return build_receipt(make_sale(rich_cart(), ppn=False), STORE, ppn_enabled=False)


@pytest.mark.parametrize(
    ("profile", "band", "dots"),
    [(PROFILE_80MM, 24, 576), (PROFILE_58MM, 64, 384), (PROFILE_80MM, 8, 576)],
)
def test_logo_prints_first_in_small_bands_scaled_to_the_paper(tmp_path, profile, band, dots):
    logo = _logo(tmp_path / "logo.png", (800, 200))
    printed = decode(render_escpos(_receipt(), replace(profile, logo=logo, image_band_rows=band)))
    header_images = [
        e
        for e, before in zip(printed.events, printed.positions, strict=True)
        if isinstance(e, Image) and before == 0
    ]
    assert header_images, "the logo comes before the first line"
    assert all(0 < image.height <= band for image in header_images)
    assert {image.width for image in header_images} == {dots}
    assert sum(image.height for image in header_images) == round(200 * dots / 800)
    assert printed.lines[0].strip() == STORE.name


def test_a_small_logo_is_not_blown_up(tmp_path):
    logo = _logo(tmp_path / "logo.png", (120, 40))
    printed = decode(render_escpos(_receipt(), replace(PROFILE_80MM, logo=logo)))
    images = printed.of(Image)
    assert sum(image.height for image in images) == 40  # centred on the full width
    assert len(images) == 1


def test_image_qr_codes_use_the_same_band_limit(tmp_path):
    profile = replace(PROFILE_58MM, image_band_rows=24)
    printed = decode(render_escpos(_receipt(), profile))
    assert printed.of(Qr) == []
    images = printed.of(Image)
    assert len(images) > 1 and all(image.height <= 24 for image in images)


def test_the_logo_is_encoded_once_per_profile(tmp_path, monkeypatch):
    logo = _logo(tmp_path / "logo.png", (600, 120))
    profile = replace(PROFILE_80MM, logo=logo, image_band_rows=24)
    escpos_render._encoded_logo.cache_clear()
    first = render_escpos(_receipt(), profile)
    second = render_escpos(_receipt(), profile)
    assert first == second
    info = escpos_render._encoded_logo.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    render_escpos(_receipt(), replace(PROFILE_58MM, logo=logo, image_band_rows=24))
    assert escpos_render._encoded_logo.cache_info().misses == 2


def test_a_missing_or_broken_logo_prints_the_receipt_without_it(tmp_path, caplog):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    plain = decode(render_escpos(_receipt(), PROFILE_80MM))
    with caplog.at_level(logging.WARNING, logger="pos_desktop.receipts.escpos_render"):
        for path in (tmp_path / "gone.png", broken):
            printed = decode(render_escpos(_receipt(), replace(PROFILE_80MM, logo=str(path))))
            assert printed.lines == plain.lines
            assert printed.of(Image) == []
    assert "gone.png" in caplog.text and "broken.png" in caplog.text


def test_band_rows_are_checked():
    with pytest.raises(ValueError, match="image_band_rows"):
        PrinterProfile(image_band_rows=4)

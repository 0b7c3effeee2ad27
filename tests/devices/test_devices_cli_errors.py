"""A device test that fails is said in the till's language, with the screens' sentence, like
every other command's user error; store IT no longer reads a bare error code."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_desktop.cli import main

ENGLISH = "The receipt printer is not connected. Sales are saved; receipts wait to be reprinted."


def _printer_in_a_missing_folder(home: Path, language: str | None) -> None:
    home.mkdir(parents=True, exist_ok=True)
    first = f'language = "{language}"\n' if language else ""
    (home / "config.toml").write_text(
        first + f'[devices.printer]\nurl = "file://{home / "gone" / "lp0"}"\n', encoding="utf-8"
    )


@pytest.mark.parametrize("language", [None, "en"])
def test_a_failed_device_test_is_said_in_the_tills_language(
    till_home: Path, capsys: pytest.CaptureFixture[str], language: str | None
) -> None:
    _printer_in_a_missing_folder(till_home, language)

    assert main(["devices", "test", "printer"]) == 3

    err = capsys.readouterr().err
    assert "[printer.unavailable]" in err
    assert "failed:" not in err
    if language == "en":
        assert ENGLISH in err
    else:  # Indonesian unless configured
        assert ENGLISH not in err and "Printer struk tidak tersambung" in err

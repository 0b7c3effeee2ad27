"""Where the till keeps its config, data and logs.

Platform dirs by default (``platformdirs``), or everything under one folder when
``POS_DESKTOP_HOME`` is set, which store IT uses for portable installs and tests use for isolation.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "pos-desktop"
APP_AUTHOR = "pos-desktop"
HOME_ENV = "POS_DESKTOP_HOME"


@dataclass(frozen=True, slots=True)
class AppPaths:
    config_file: Path
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "till.db"

    @property
    def receipts_dir(self) -> Path:
        return self.data_dir / "receipts"

    def ensure(self) -> None:
        for folder in (self.config_file.parent, self.data_dir, self.log_dir, self.receipts_dir):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(
    config_override: Path | None = None, env: dict[str, str] | None = None
) -> AppPaths:
    environ = os.environ if env is None else env
    home = environ.get(HOME_ENV)
    if home:
        base = Path(home).expanduser().resolve()
        paths = AppPaths(base / "config.toml", base / "data", base / "logs")
    else:
        paths = AppPaths(
            Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml",
            Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )
    if config_override is not None:
        paths = AppPaths(config_override.expanduser().resolve(), paths.data_dir, paths.log_dir)
    return paths

"""Where the program keeps its files. Everything is passed down from the composition root,
so tests point it all at a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "opiq-admin"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path | None = None  # None: a "logs" folder in data_dir

    @classmethod
    def default(cls) -> AppPaths:
        return cls(config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
                   data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                   log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything in one folder: practice mode's `--practice DIR`, and tests."""
        return cls(config_dir=root / "config", data_dir=root / "data")

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def store_file(self) -> Path:
        return self.data_dir / "store.sqlite3"

    @property
    def log_folder(self) -> Path:
        """The platform's log folder (`platformdirs.user_log_dir`), where a support person
        is told to look; in practice mode and tests, inside DIR."""
        return self.log_dir if self.log_dir is not None else self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_folder / "opiq-admin.log"

    @property
    def practice_dir(self) -> Path:
        return self.data_dir / "practice"

    def practice_folder(self, setting: str | None, given: Path | None = None) -> Path:
        """The practice folder in use: `--practice DIR` (`given`), else the `practice_dir`
        setting, else the default one in the data folder."""
        return given or Path(setting or self.practice_dir)

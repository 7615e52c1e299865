"""Settings and folders.

Every setting is declared once here with its type and default. Folders come from
platformdirs and are overridden by ``SEAT_HOME`` (or ``--home``). Secrets never live here:
they go to the OS keyring (see ``seat_app.services.secrets`` when it exists).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

APP_NAME = "seat"
SETTINGS_FILE = "settings.json"


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or the source tree's top level."""
    installed = Path(__file__).resolve().parents[1] / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def default_home() -> Path:
    env = os.environ.get("SEAT_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(slots=True)
class Settings:
    """Typed, non-secret settings, stored as JSON in the home folder."""

    central_url: str = ""
    """SQLAlchemy URL of the central database; empty means the embedded SQLite file."""
    seat_code: str = "S01"
    """This workstation's seat code, part of every case number it assigns."""
    language: str = "zh_CN"
    area: str = "市直"
    """Default area of this seat (boosts knowledge results of the area)."""
    idle_lock_minutes: int = 15
    sync_interval_s: float = 2.0
    version: int = 1
    """Settings schema version, for upgrades of older files."""


@dataclass(slots=True)
class SeatHome:
    """The data folder and everything inside it."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def central_db_path(self) -> Path:
        return self.root / "central.sqlite3"

    @property
    def local_db_path(self) -> Path:
        return self.root / "seat-local.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "kb_index"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def central_url(self) -> str:
        return self.settings.central_url or f"sqlite:///{self.central_db_path}"

    @property
    def local_url(self) -> str:
        return f"sqlite:///{self.local_db_path}"

    def ensure(self) -> SeatHome:
        self.root.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(exist_ok=True)
        return self

    def save_settings(self) -> None:
        self.ensure()
        path = self.root / SETTINGS_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self.settings), ensure_ascii=False, indent=2), "utf-8")
        os.replace(tmp, path)


def open_home(root: Path | str | None = None) -> SeatHome:
    """The home folder at ``root`` (default: SEAT_HOME or the platform data folder)."""
    path = Path(root).expanduser() if root else default_home()
    settings = Settings()
    file = path / SETTINGS_FILE
    if file.exists():
        try:
            data = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            if key in known:
                setattr(settings, key, value)
    return SeatHome(path, settings)

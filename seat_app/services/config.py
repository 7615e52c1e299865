"""Settings and folders.

Every setting is declared once here with its type and default. Folders come from
platformdirs and are overridden by ``SEAT_HOME`` (or ``--home``). Secrets never live here:
they go to the OS keyring (see ``seat_app.services.security.secrets`` when it exists).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from seat_app.services.integrity import SettingsDamaged
from seat_app.services.logs import private_dir, redact

APP_NAME = "seat"
SETTINGS_FILE = "settings.json"


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or the source tree's top level."""
    installed = Path(__file__).resolve().parents[1] / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def home_pointer_path() -> Path:
    """Where the first-run wizard remembers a data folder the user chose outside the
    platform's default (a one-line text file in the user's config folder)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "data-folder.txt"


def platform_home() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_home() -> Path:
    """``SEAT_HOME``; else the folder the first-run wizard remembered; else the platform's
    user data folder. A remembered folder that is gone is still returned (the caller refuses
    it loudly): never a silent switch to another folder."""
    env = os.environ.get("SEAT_HOME")
    if env:
        return Path(env).expanduser()
    pointer = home_pointer_path()
    if pointer.is_file():
        chosen = pointer.read_text(encoding="utf-8", errors="replace").strip()
        if chosen:
            return Path(chosen).expanduser()
    return platform_home()


TELEPHONY_ADAPTERS = ("manual", "baresip", "cti", "simulator")
"""The ``telephony.adapter`` values: desk-phone intake, the baresip softphone (ctrl_tcp), a
vendor CTI bridge (docs/telephony-cti-protocol.md), the demo simulator."""


@dataclass(slots=True)
class TelephonySettings:
    """The agent's telephone (``"telephony"`` in settings.json)."""

    adapter: str = "manual"
    host: str = "127.0.0.1"
    """Where the softphone's ctrl_tcp or the CTI bridge listens (loopback)."""
    port: int = 0
    """Its port; 0 means the adapter's default (baresip 4444, CTI 7788)."""
    dial_domain: str = ""
    """host[:port] numbers are dialled at through the softphone (the PBX)."""
    line: str = ""
    """The desk phone's own number or queue (desk-phone intake)."""


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
    telephony: TelephonySettings = field(default_factory=TelephonySettings)
    """The agent's telephone; a missing section means desk-phone intake."""
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
        """Create the data folder and logs/ (0700: callers' data is private to the user)."""
        private_dir(self.root)
        private_dir(self.log_dir)
        return self

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    def has_history(self) -> bool:
        """True if this folder was used before (a local store, a central file or settings)."""
        return any(
            p.exists()
            for p in (self.local_db_path, self.central_db_path, self.settings_path)
        )

    def save_settings(self) -> None:
        """Write settings.json atomically, 0600. A damaged settings.json is never
        overwritten: ``SettingsDamaged`` is raised and the file is left for the user."""
        self.ensure()
        path = self.settings_path
        if path.exists():
            read_settings(path)  # raises SettingsDamaged: keep the damaged file
        tmp = path.with_name(path.name + ".tmp")
        data = json.dumps(asdict(self.settings), ensure_ascii=False, indent=2)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


_TYPES: dict[str, tuple[type, ...]] = {
    "central_url": (str,),
    "seat_code": (str,),
    "language": (str,),
    "area": (str,),
    "idle_lock_minutes": (int,),
    "sync_interval_s": (int, float),
    "version": (int,),
}

_TELEPHONY_TYPES: dict[str, tuple[type, ...]] = {
    "adapter": (str,), "host": (str,), "port": (int,), "dial_domain": (str,), "line": (str,),
}

_TODO_ZH = ("修正该文件（有效的 JSON 对象），或将其移走后重新设置；"
            "Seat 不会改用内置数据库，也不会覆盖该文件")
_TODO_EN = ("fix the file (a valid JSON object), or move it away and set the seat up again; "
            "Seat will not switch to the embedded database nor overwrite the file")


def _excerpt(raw: bytes, limit: int = 300) -> str:
    text = raw.decode("utf-8", errors="backslashreplace")
    text = redact(" ".join(text.split()))  # a URL password typed into the file stays hidden
    return text if len(text) <= limit else text[:limit] + "…"


def _damaged(path: Path, raw: bytes, what_zh: str, what_en: str):
    return SettingsDamaged(
        path, what_zh=what_zh, what_en=what_en, todo_zh=_TODO_ZH, todo_en=_TODO_EN,
        held=_excerpt(raw),
    )


def read_settings(path: Path) -> Settings:
    """Settings from ``path``, strictly: not JSON, not an object, a known key of the wrong
    type or an unreadable file raise ``SettingsDamaged`` (never a silent default).
    Unknown keys are ignored (a newer version's settings)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SettingsDamaged(
            path, what_zh=f"无法读取：{exc.strerror}", what_en=f"cannot be read: {exc.strerror}",
            todo_zh="检查文件权限", todo_en="check the file's permissions",
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _damaged(path, raw, "不是 UTF-8 文本", "not UTF-8 text") from exc
    except ValueError as exc:
        raise _damaged(path, raw, f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _damaged(path, raw, "内容不是 JSON 对象", "the content is not a JSON object")
    settings = Settings()
    for key, value in data.items():
        if key == "telephony":
            settings.telephony = _read_telephony(path, raw, value)
            continue
        types = _TYPES.get(key)
        if types is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            want = "/".join(t.__name__ for t in types)
            raise _damaged(
                path, raw, f"{key} 的类型错误（应为 {want}）",
                f"{key} has the wrong type (expected {want})",
            )
        if types == (int, float):
            value = float(value)
        setattr(settings, key, value)
    return settings


def _read_telephony(path: Path, raw: bytes, data: object) -> TelephonySettings:
    """The ``telephony`` section, as strictly as the rest (a wrong adapter name or port is
    damage, never a silent switch to another telephone)."""
    if not isinstance(data, dict):
        raise _damaged(path, raw, "telephony 不是 JSON 对象", "telephony is not a JSON object")
    out = TelephonySettings()
    for key, value in data.items():
        types = _TELEPHONY_TYPES.get(key)
        if types is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            want = "/".join(t.__name__ for t in types)
            raise _damaged(path, raw, f"telephony.{key} 的类型错误（应为 {want}）",
                           f"telephony.{key} has the wrong type (expected {want})")
        setattr(out, key, value)
    if out.adapter not in TELEPHONY_ADAPTERS:
        names = "、".join(TELEPHONY_ADAPTERS)
        raise _damaged(path, raw, f"telephony.adapter 未知：{out.adapter}（应为 {names}）",
                       f"unknown telephony.adapter {out.adapter!r} (one of "
                       f"{', '.join(TELEPHONY_ADAPTERS)})")
    if not 0 <= out.port <= 65535:
        raise _damaged(path, raw, f"telephony.port 超出范围：{out.port}",
                       f"telephony.port out of range: {out.port}")
    return out


def open_home(root: Path | str | None = None) -> SeatHome:
    """The home folder at ``root`` (default: SEAT_HOME or the platform data folder).

    A missing settings.json means defaults (a fresh folder, or an embedded-database seat
    that never saved settings). A damaged one raises ``SettingsDamaged``: Seat never falls
    back to defaults, which would switch the central database behind the user's back.
    """
    path = Path(root).expanduser() if root else default_home()
    file = path / SETTINGS_FILE
    settings = read_settings(file) if file.exists() else Settings()
    return SeatHome(path, settings)

"""The site preset: a read-only JSON file IT places on every workstation so that 200 seats
start configured alike.

Where it is looked for (the first that exists wins): ``$SEAT_PRESET``; on Windows
``%ProgramData%\\Seat\\preset.json``; elsewhere ``/etc/seat/preset.json``; and
``preset.json`` next to the executable of a frozen Seat. It may set the central database URL,
the language, the area, the update policy and timings, and ``locked``: the settings a user
may not change (the wizard skips their pages). It never holds a password: a preset with one
(a URL with a password, or any key naming a password, secret or token) is refused, as is a
file that is not a JSON object, a value of the wrong type or an unknown key (a typo must not
silently leave a setting unset).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from seat_app.services.config import Settings
from seat_app.services.deploy.errors import PresetError

PRESET_FILE = "preset.json"

PRESET_KEYS: dict[str, tuple[type, ...]] = {
    "central_url": (str,),
    "language": (str,),
    "area": (str,),
    "idle_lock_minutes": (int,),
    "sync_interval_s": (int, float),
    "update_policy": (str,),
    "locked": (list,),
    "version": (int,),
}
"""Every key a preset may hold, with its JSON types."""

LANGUAGES = ("zh_CN", "en_US")
UPDATE_POLICIES = ("manual", "notify", "managed")
"""manual: the user updates; notify: Seat says when a newer version is required; managed:
IT deploys updates (silent installer), users are only told."""
LOCKABLE = ("central_url", "language", "area", "idle_lock_minutes", "sync_interval_s",
            "seat_code", "data_folder")
SECRET_WORDS = ("password", "passwd", "pwd", "secret", "token", "口令", "密码")


@dataclass(frozen=True, slots=True)
class Preset:
    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    """The settings it sets (keys of ``config.Settings``)."""
    update_policy: str = "notify"
    locked: frozenset[str] = frozenset()

    def fills(self, key: str) -> bool:
        """Whether the preset decides ``key`` (set or locked): the wizard skips it."""
        return key in self.values or key in self.locked


def preset_locations() -> list[Path]:
    """Where a preset is looked for, in order."""
    found: list[Path] = []
    env = os.environ.get("SEAT_PRESET")
    if env:
        found.append(Path(env).expanduser())
    if sys.platform.startswith("win"):
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        found.append(Path(base) / "Seat" / PRESET_FILE)
    else:
        found.append(Path("/etc/seat") / PRESET_FILE)
    if getattr(sys, "frozen", False):
        found.append(Path(sys.executable).resolve().parent / PRESET_FILE)
    return found


def find_preset(locations: list[Path] | None = None) -> Preset | None:
    """The first preset that exists, read strictly (``PresetError``), or None."""
    for path in preset_locations() if locations is None else locations:
        if path.is_file():
            return load_preset(path)
    return None


def _has_secret_key(data: Any) -> str | None:
    if isinstance(data, dict):
        for key, value in data.items():
            if any(word in str(key).lower() for word in SECRET_WORDS):
                return str(key)
            inner = _has_secret_key(value)
            if inner:
                return inner
    elif isinstance(data, list):
        for value in data:
            inner = _has_secret_key(value)
            if inner:
                return inner
    return None


def load_preset(path: Path) -> Preset:
    """Read ``path`` strictly; see the module's docstring for what is refused."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PresetError(path, f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PresetError(path, f"不是有效的 JSON（{exc}）", f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise PresetError(path, "内容不是 JSON 对象", "the content is not a JSON object")
    secret = _has_secret_key(data)
    if secret:
        raise PresetError(path, f"含有密码类字段 {secret!r}；预设文件不得保存密码",
                          f"it holds a password-like key {secret!r}; a preset never holds "
                          "passwords")
    unknown = sorted(set(data) - set(PRESET_KEYS))
    if unknown:
        raise PresetError(path, f"未知的字段 {', '.join(unknown)}（可用：{', '.join(PRESET_KEYS)}）",
                          f"unknown key(s) {', '.join(unknown)} (known: {', '.join(PRESET_KEYS)})")
    for key, value in data.items():
        types = PRESET_KEYS[key]
        if isinstance(value, bool) or not isinstance(value, types):
            want = "/".join(t.__name__ for t in types)
            raise PresetError(path, f"{key} 的类型错误（应为 {want}）",
                              f"{key} has the wrong type (expected {want})")
    url = data.get("central_url", "")
    if url:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise PresetError(path, f"central_url 不是有效的数据库地址（{exc}）",
                              f"central_url is not a database URL ({exc})") from exc
        if parsed.password:
            raise PresetError(path, "central_url 含有密码；密码只保存在每台机器的系统钥匙串中",
                              "central_url holds a password; passwords are kept only in each "
                              "computer's keyring")
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        raise PresetError(path, f"language 须为 {' 或 '.join(LANGUAGES)}",
                          f"language must be {' or '.join(LANGUAGES)}")
    policy = data.get("update_policy", "notify")
    if policy not in UPDATE_POLICIES:
        raise PresetError(path, f"update_policy 须为 {'、'.join(UPDATE_POLICIES)} 之一",
                          f"update_policy must be one of {', '.join(UPDATE_POLICIES)}")
    locked = data.get("locked", [])
    bad = [k for k in locked if not isinstance(k, str) or k not in LOCKABLE]
    if bad:
        raise PresetError(path, f"locked 中有不能锁定的设置 {bad}（可锁定：{', '.join(LOCKABLE)}）",
                          f"locked names settings that cannot be locked {bad} (lockable: "
                          f"{', '.join(LOCKABLE)})")
    values = {k: v for k, v in data.items() if k not in ("update_policy", "locked", "version")}
    if "sync_interval_s" in values:
        values["sync_interval_s"] = float(values["sync_interval_s"])
    return Preset(path, values, policy, frozenset(locked))


def apply_preset(settings: Settings, preset: Preset | None) -> Settings:
    """``settings`` with the preset's values: a locked key always takes the preset's value;
    an unlocked one only while the user has not chosen another (the default is still set)."""
    if preset is None:
        return settings
    defaults = Settings()
    changes: dict[str, Any] = {}
    for key, value in preset.values.items():
        if key in preset.locked or getattr(settings, key) == getattr(defaults, key):
            changes[key] = value
    return replace(settings, **changes) if changes else settings

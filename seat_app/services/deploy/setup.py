"""Set a seat up without a window (``seat-admin setup``), as the first-run wizard does."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from seat_app.domain.taxonomy import AREAS, is_area
from seat_app.services.config import (
    TELEPHONY_ADAPTERS,
    SeatHome,
    Settings,
    TelephonySettings,
    home_pointer_path,
    open_home,
    platform_home,
)
from seat_app.services.deploy.connection import CentralCheck, check_central
from seat_app.services.deploy.errors import SetupRefused
from seat_app.services.deploy.preset import Preset, apply_preset
from seat_app.services.integrity import SettingsDamaged  # noqa: F401 - raised by open_home

EMBEDDED = "embedded"
"""``--central embedded``: back to this computer's embedded database."""


def _check_inputs(central_url: str, seat_code: str | None, area: str | None) -> None:
    """What settings.json may never hold, refused before anything is written."""
    if central_url and central_url != EMBEDDED:
        try:
            parsed = make_url(central_url)
        except ArgumentError as exc:
            raise SetupRefused(f"数据库地址无效：{exc}", f"Not a database URL: {exc}") from exc
        if parsed.password:
            raise SetupRefused(
                "数据库地址中不要写密码：设置文件不保存密码。测试连接请用 --ask-password（只用于"
                "测试，不保存）；登录时每位用户用自己的密码。",
                "Do not put the password in the URL: settings never hold passwords. Use "
                "--ask-password to test the connection (used once, never saved); people sign "
                "in with their own passwords.")
    if seat_code is not None and not (
            seat_code and seat_code.isascii() and seat_code.isalnum() and len(seat_code) <= 8):
        raise SetupRefused(
            f"座席编号“{seat_code}”无效：只能是 1–8 个字母或数字（它是工单号的一部分）。",
            f"Seat code {seat_code!r} is not valid: 1-8 letters or digits (it is part of "
            "every case number).")
    if area is not None and not is_area(area):
        raise SetupRefused(f"区域“{area}”不存在，只能是：{'、'.join(AREAS)}。",
                           f"Unknown area {area!r}; one of: {', '.join(AREAS)}.")


def configure_seat(home_dir: Path, *, central_url: str = "", seat_code: str | None = None,
                   area: str | None = None, language: str | None = None,
                   preset: Preset | None = None, password: str | None = None,
                   check: bool = True, remember_folder: bool = False,
                   telephony: TelephonySettings | None = None,
                   ) -> tuple[SeatHome, CentralCheck | None]:
    """Write the seat's settings.json in ``home_dir``.

    A locked preset value wins over an argument that differs (``ValueError`` says which);
    a central server is checked first (``check``) and nothing is written unless the check
    is ok. A damaged settings.json is never overwritten (``SettingsDamaged``)."""
    home = open_home(home_dir)
    _check_inputs(central_url, seat_code, area)
    if central_url == EMBEDDED:
        central_url = ""
        home.settings = replace(home.settings, central_url="")
    wanted = {"central_url": central_url, "seat_code": seat_code, "area": area,
              "language": language}
    if preset is not None:
        for key, value in wanted.items():
            if key in preset.locked and value and key in preset.values \
                    and value != preset.values[key]:
                raise ValueError(f"{key} is locked by the site preset {preset.path} "
                                 f"({preset.values[key]!r})")
    settings = apply_preset(home.settings, preset)
    changes = {k: v for k, v in wanted.items() if v}
    if changes:
        settings = replace(settings, **changes)
    if preset is not None:  # locked values always hold
        settings = replace(settings, **{k: v for k, v in preset.values.items()
                                        if k in preset.locked and hasattr(Settings, k)})
    if telephony is not None:
        if telephony.adapter not in TELEPHONY_ADAPTERS:
            raise SetupRefused(
                f"话机类型“{telephony.adapter}”未知，只能是：{'、'.join(TELEPHONY_ADAPTERS)}。",
                f"Unknown phone kind {telephony.adapter!r}; one of: "
                f"{', '.join(TELEPHONY_ADAPTERS)}.")
        if not 0 <= telephony.port <= 65535:
            raise SetupRefused(f"话机端口 {telephony.port} 超出范围（0–65535）。",
                               f"Phone port {telephony.port} is out of range (0-65535).")
        settings = replace(settings, telephony=telephony)
    result = None
    if check and settings.central_url:
        result = check_central(settings.central_url, password)
        if not result.ok:
            return home, result
    home.settings = settings
    home.save_settings()
    if remember_folder:
        _remember(Path(home_dir))
    return home, result


def _remember(folder: Path) -> None:
    """Next start finds ``folder`` without ``--home`` (see ``config.default_home``)."""
    pointer = home_pointer_path()
    if folder.resolve() == platform_home().resolve():
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(str(folder.resolve()) + "\n", encoding="utf-8")
    os.replace(tmp, pointer)


def remembered_home_missing(home: SeatHome) -> bool:
    """True when the data folder comes from the wizard's remembered choice and is gone: the
    app must say so, not run the wizard again into an empty folder."""
    return (not os.environ.get("SEAT_HOME") and home_pointer_path().is_file()
            and home.root != platform_home() and not home.root.exists())

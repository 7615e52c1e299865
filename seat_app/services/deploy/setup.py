"""Set a seat up without a window (``seat-admin setup``), as the first-run wizard does."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from seat_app.services.config import (
    SeatHome,
    Settings,
    home_pointer_path,
    open_home,
    platform_home,
)
from seat_app.services.deploy.connection import CentralCheck, check_central
from seat_app.services.deploy.preset import Preset, apply_preset
from seat_app.services.integrity import SettingsDamaged  # noqa: F401 - raised by open_home


def configure_seat(home_dir: Path, *, central_url: str = "", seat_code: str | None = None,
                   area: str | None = None, language: str | None = None,
                   preset: Preset | None = None, password: str | None = None,
                   check: bool = True, remember_folder: bool = False,
                   ) -> tuple[SeatHome, CentralCheck | None]:
    """Write the seat's settings.json in ``home_dir``.

    A locked preset value wins over an argument that differs (``ValueError`` says which);
    a central server is checked first (``check``) and nothing is written unless the check
    is ok. A damaged settings.json is never overwritten (``SettingsDamaged``)."""
    home = open_home(home_dir)
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

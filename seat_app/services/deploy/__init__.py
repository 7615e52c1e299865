"""Deployment: the site preset IT places on every workstation, the central-database
connection check the first-run wizard and ``seat-admin setup`` use, and the minimum client
version the central database publishes.

Typical use::

    from seat_app.services.deploy import find_preset, check_central, require_client_version
    preset = find_preset()                  # None, or a strictly read Preset
    report = check_central(url, password)   # .ok, or .kind with a zh/en message
    require_client_version(engine)          # ClientTooOld when this Seat is older than allowed
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.deploy.connection import CentralCheck, check_central
    from seat_app.services.deploy.errors import ClientTooOld, DeployError, PresetError
    from seat_app.services.deploy.preset import (
        PRESET_KEYS,
        Preset,
        apply_preset,
        find_preset,
        load_preset,
        preset_locations,
    )
    from seat_app.services.deploy.setup import configure_seat, remembered_home_missing
    from seat_app.services.deploy.version import (
        minimum_client_version,
        publish_minimum_client_version,
        require_client_version,
    )

# Public names load on first use (start-up: the connection check loads Alembic).
_EXPORTS = {
    "PRESET_KEYS": "preset",
    "CentralCheck": "connection",
    "ClientTooOld": "errors",
    "DeployError": "errors",
    "Preset": "preset",
    "PresetError": "errors",
    "apply_preset": "preset",
    "check_central": "connection",
    "configure_seat": "setup",
    "find_preset": "preset",
    "load_preset": "preset",
    "minimum_client_version": "version",
    "preset_locations": "preset",
    "publish_minimum_client_version": "version",
    "remembered_home_missing": "setup",
    "require_client_version": "version",
}

__all__ = [
    "PRESET_KEYS",
    "CentralCheck",
    "ClientTooOld",
    "DeployError",
    "Preset",
    "PresetError",
    "apply_preset",
    "check_central",
    "configure_seat",
    "find_preset",
    "load_preset",
    "minimum_client_version",
    "preset_locations",
    "publish_minimum_client_version",
    "remembered_home_missing",
    "require_client_version",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

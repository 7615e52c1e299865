"""The agent's seat window and its panels: ``SeatWindow`` (window.py) on a ``SeatServices``
(``seat_app.qt.wiring.build_services``), and the telephone chosen in settings
(``install_phone_from_settings``, phone.py).

Typical use::

    from seat_app.qt import seat
    window = seat.SeatWindow(services, runners=SeatRunners.threads(), language="zh")
    phone = seat.install_phone_from_settings(window, home.settings.telephony, start=False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.seat.phone import install_phone_from_settings
    from seat_app.qt.seat.window import SeatWindow

# Public names load on first use (start-up: a signed-in lead never loads the seat window).
_EXPORTS = {"SeatWindow": "window", "install_phone_from_settings": "phone"}

__all__ = ["SeatWindow", "install_phone_from_settings"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

"""Sign-in dialog and idle lock, self-contained: usable with any QMainWindow.

Wiring in the application (two lines after the window exists)::

    session = SignInDialog.run(home.central_url)            # None: the user cancelled
    lock = IdleLock(window, home.settings.idle_lock_minutes, session.check_password)

``IdleLock`` installs itself as an application-wide event filter: any key, mouse, wheel or
touch input restarts the idle timer; when it runs out an opaque panel covers the whole
window (nothing of the case or the caller stays visible) and swallows all input to the
window until the signed-in user's password is typed. ``lock_now()`` locks at once
(Ctrl+L).
"""

from seat_app.qt.lock.idle import IdleLock, LockPanel
from seat_app.qt.lock.sign_in import SignInDialog

__all__ = ["IdleLock", "LockPanel", "SignInDialog"]

"""The callback survey work list (回访工作台)."""

from seat_app.qt.callback.worklist import CallbackWorklist, fill_script, open_callback_worklist

__all__ = ["CallbackWorklist", "fill_script", "open_callback_worklist"]

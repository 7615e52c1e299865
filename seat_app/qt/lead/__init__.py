"""The team lead's console (班长监控台): live seats and queue, today's figures, alerts,
charts, forcing a seat's state and messaging a seat."""

from seat_app.qt.lead.console import LeadConsole, open_console

__all__ = ["LeadConsole", "open_console"]

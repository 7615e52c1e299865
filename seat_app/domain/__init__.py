"""Pure Python: entities, enums, rules, KPI formulas, calendar, script flow, validation.

Imports nothing from the project but itself, and never PySide6.
"""

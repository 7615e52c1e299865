"""Central tables of the intake capability (migration 0403_intake.py)."""

from __future__ import annotations

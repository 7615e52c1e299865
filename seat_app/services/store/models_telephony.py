"""Central tables of the telephony capability (migration 0406_telephony.py)."""

from __future__ import annotations

"""Central tables of the training capability (migration 0401_training.py)."""

from __future__ import annotations

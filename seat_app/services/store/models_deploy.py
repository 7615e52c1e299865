"""Central tables of the deploy capability (migration 0408_deploy.py)."""

from __future__ import annotations

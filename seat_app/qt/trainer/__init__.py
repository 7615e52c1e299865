"""The trainer window (filled by its capability)."""

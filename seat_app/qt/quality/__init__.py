"""The quality window (filled by its capability)."""

"""The setup window (filled by its capability)."""

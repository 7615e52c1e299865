"""The kb_editor window (filled by its capability)."""

"""quality services (see the quality issue; filled by its capability)."""

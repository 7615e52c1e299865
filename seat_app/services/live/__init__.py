"""live services (see the live issue; filled by its capability)."""

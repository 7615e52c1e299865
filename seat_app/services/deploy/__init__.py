"""deploy services (see the deploy issue; filled by its capability)."""

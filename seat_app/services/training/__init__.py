"""training services (see the training issue; filled by its capability)."""

"""analysis services (see the analysis issue; filled by its capability)."""

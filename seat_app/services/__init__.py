"""Services without Qt: stores, sync, queue, auth, reports, training, demo data."""

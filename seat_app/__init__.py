"""Seat: the operator-seat application of a 12345 citizen-service hotline."""

__version__ = "0.1.0"

"""Compiled from ui/*.ui by packaging/compile_forms.py; do not edit."""

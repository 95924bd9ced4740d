"""Dependency security checks run from the checkout (see audit.py)."""

"""Opportunities (issue 19)."""

"""Consultations and surveys (issue 19)."""

"""Budgets and votes (issue 19)."""

"""Resources (issue 19)."""

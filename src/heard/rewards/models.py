"""Recognition and expenses (issue 19)."""

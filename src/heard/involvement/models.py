"""Models of the involvement app."""

"""Background jobs with progress (issue 20): exports, imports, report PDFs and other long work."""

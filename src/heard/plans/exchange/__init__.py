"""A plan in and out of spreadsheets, in seed 001's column layout: reading a pasted or uploaded
table with a dry run (``reading``), and writing a plan or its blank template (``layout``,
``files``)."""

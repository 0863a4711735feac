"""The quarterly monitoring report and the annual report (M22), built from the records.

``build`` reads every section through the other apps' selectors and the indicators' measures,
as the reader may see it (ADR 0008: exact for readers of every record behind a figure, protected
beyond); ``services`` issues a report, keeping its figures as shown; ``views`` draws either.
"""

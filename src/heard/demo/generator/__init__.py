"""Synthetic partnerships at tiny, county or national scale, loaded in bulk (issue 6).

Why a bulk loader and not the services: the services validate, permission-check and audit one
row at a time, which is right for people and for the demo (``demo.loader``) but would take days
for six million attendances. The generator writes rows that already satisfy the same invariants
(database constraints, ``full_clean`` and the services' own rules: a session's organisation is
its group's host, nobody attends twice, members join on or after the group started, a Buddy
Group runs for at most a year, no date is in the future, stages follow ``Group.TRANSITIONS``),
and ``tests/demo/test_generator.py`` checks that they do. No audit entries are written for
generated rows: nobody changed anything, the rows are synthetic.

The later apps follow their services the same way. Voice: a view is answered by at most one
response (only open views can be), no earlier than it was given; feedback goes only to those who
gave the views (``voice.services.givers_of``) on or after the response; a rating comes from a
young person whose own or current group's view it answers, once fed back; and each view's status,
``responded_on`` and ``fed_back_on`` are what ``response_record``, ``feedback_record`` and
``rating_give`` would have left. Safeguarding: every member of staff recorded at a session has an
enhanced DBS check current on its date (``participation.services.session_log`` refuses otherwise).
Privacy: under the partnership's parent-consent age only taking part is agreed by the young person
alone; a view naming young people is quoted or published only with their consent to it, current
when it was recorded (``voice.services.view_record``); a withdrawn quotes or publishing consent
left every view they gave internal, and a withdrawn equality consent left no equality record
(``privacy.services.consent_withdraw``); an erased young person keeps their record under
"Anonymised" with no consents and takes no part (``young_person_anonymise``).
Evidence files are not generated: a row needs a real file in storage.

Loading: on PostgreSQL every table is spooled to a temporary file in COPY text format and
loaded with psycopg's ``cursor.copy``; elsewhere (SQLite) rows go in with batched
``bulk_create``, keeping the generated timestamps. Both run in one transaction, so a failed load
leaves nothing behind.

Determinism: every choice comes from ``random.Random(seed)`` and every date counts back from
``today``, so the same seed and day give the same rows, ids and values.

Extending it (reports, budgets ...): in the module of the app (``generator/<app>.py``, one a
domain app, ``context.py`` holding what they share) write a function ``def my_step(ctx: Context)
-> None`` that adds rows with ``ctx.writer.table(Model, columns).add(row)`` (columns must name
every concrete field, so a new model field is never silently left empty; ``stamped("a b")`` is
``("id", "created_at", "updated_at", "a", "b")``; create a step's tables parents first, as they
are loaded in that order), give the scale sizes in ``Scale.extra`` and add
``Step("name", my_step, (Model, ...))`` to the module's ``STEPS`` (``run.STEPS`` runs every app's
in order). ``ctx`` holds what earlier steps made: staff ids by role, organisations, young people
(with age band, date of birth, when they were registered, consents), themes, groups with their
members, and every session's group, date, logger and attendees. Keep the per-row work lean
(tuples, ``array``): the national scale must load in under 10 minutes on two cores. Raise
``VERSION`` when the generated data changes, so the benchmark regenerates a database made by an
older generator.
"""

from heard.demo.generator.context import (
    EMAIL_DOMAIN,
    MARKER_PREFIX,
    SCALES,
    UNUSABLE_PASSWORD,
    VERSION,
    Context,
    GroupPlan,
    Scale,
    Step,
)
from heard.demo.generator.loop import OLDER_VIEW_DAYS
from heard.demo.generator.people import YOUNG_PERSON_COLUMNS, reference_for
from heard.demo.generator.run import (
    STEPS,
    Result,
    existing_rows,
    generate,
    generated_models,
    marker,
    wipe,
)
from heard.demo.generator.safeguarding import concern_reference_for
from heard.demo.generator.sinks import (
    BulkCreateSink,
    CopySink,
    TableSink,
    Writer,
    _copy_text,
    _copy_value,
    columns,
    stamped,
)
from heard.demo.generator.voice_texts import RESPONSE_TEXTS, VIEW_TEXTS

__all__ = [
    "EMAIL_DOMAIN",
    "MARKER_PREFIX",
    "OLDER_VIEW_DAYS",
    "RESPONSE_TEXTS",
    "SCALES",
    "STEPS",
    "UNUSABLE_PASSWORD",
    "VERSION",
    "VIEW_TEXTS",
    "YOUNG_PERSON_COLUMNS",
    "BulkCreateSink",
    "Context",
    "CopySink",
    "GroupPlan",
    "Result",
    "Scale",
    "Step",
    "TableSink",
    "Writer",
    "_copy_text",
    "_copy_value",
    "columns",
    "concern_reference_for",
    "existing_rows",
    "generate",
    "generated_models",
    "marker",
    "reference_for",
    "stamped",
    "wipe",
]

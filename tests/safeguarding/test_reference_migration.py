"""The migration that replaced sequential concern references (SC-00001...) with random ones,
and the two that moved a concern's session up to participation (``SessionConcern``).

In a file of its own: it migrates backwards and forwards, so it needs a transactional database,
whose flush at the end empties the rows the migrations seed. pytest-django runs transactional
tests after the others, but pytest-xdist's --dist loadfile hands out whole files, so a file that
mixed it with ordinary tests ran it early and left the next files of that worker without their
standards and methods."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from heard.core.models import AuditEntry
from heard.core.roles import Role
from heard.participation.concerns import SessionConcern
from heard.safeguarding import selectors
from heard.safeguarding.models import Concern, ConcernChange
from tests import factories

from .conftest import NOW
from .test_references import REFERENCE, is_monotonic


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestMigration:
    def test_the_migration_gives_old_concerns_random_references_audited(self):
        before = [("safeguarding", "0003_concern_reference")]
        after = [("safeguarding", "0005_concern_reference_unique")]
        # One raised from a session: participation's migration 0010 moves the link there. The
        # session is made first, by today's models: going back to 0003 unapplies participation's
        # later migrations too (0010 depends on safeguarding's), and its rows stay.
        session = factories.SessionFactory()
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        try:
            old_apps = executor.loader.project_state(before).apps
            raiser = factories.UserFactory(role=Role.PARTICIPATION_OFFICER)
            OldConcern = old_apps.get_model("safeguarding", "Concern")
            for _ in range(30):
                OldConcern.objects.create(
                    raised_by_id=raiser.pk,
                    what_happened="x",
                    happened_at=NOW,
                    who_was_present="x",
                    immediate_action="x",
                    child_told="x",
                )
            assert OldConcern.objects.filter(reference=None).count() == 30
            from_session = OldConcern.objects.order_by("pk").first()
            OldConcern.objects.filter(pk=from_session.pk).update(session_id=session.pk)
            executor = MigrationExecutor(connection)
            executor.loader.build_graph()
            executor.migrate(after)
        finally:
            executor = MigrationExecutor(connection)
            executor.migrate(executor.loader.graph.leaf_nodes())

        links = SessionConcern.objects.values_list("concern_id", "session_id")
        assert list(links) == [(from_session.pk, session.pk)]
        concerns = list(Concern.objects.order_by("pk"))
        references = [concern.reference for concern in concerns]
        assert len(concerns) == 30 and len(set(references)) == 30
        assert all(REFERENCE.fullmatch(reference) for reference in references)
        assert not is_monotonic(references)
        for concern in concerns:
            change = ConcernChange.objects.get(concern=concern)
            assert change.values == {"reference": [f"SC-{concern.pk:05d}", concern.reference]}
            entry = AuditEntry.objects.get(pk=change.entry_id)
            assert entry.actor_id is None and entry.action == AuditEntry.Action.UPDATE
            assert entry.changes == {"reference": ["(withheld)", "(withheld)"]}
        # The old reference still finds its concern, and the lead sees both in the trail.
        from heard.safeguarding.filters import ConcernFilter

        lead = factories.UserFactory(role=Role.SAFEGUARDING_LEAD)
        first = concerns[0]
        queryset = selectors.concerns_visible_to(lead)
        found = ConcernFilter({"search": f"SC-{first.pk:05d}"}, queryset=queryset).qs
        assert list(found) == [first]
        row = selectors.concern_trail_rows(selectors.concern_trail(lead, first))[0]
        assert [(c.label, c.old, c.new) for c in row.changes] == [
            ("Reference", f"SC-{first.pk:05d}", first.reference)
        ]

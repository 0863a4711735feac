from typing import Any

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "heard.participation"
    label = "participation"
    verbose_name = "Participation log"

    def ready(self) -> None:
        from heard.groups.signals import group_kind_changed
        from heard.jobs import registry
        from heard.participation import events, import_job, policies  # noqa: F401 (register them)

        group_kind_changed.connect(_group_kind_changed, dispatch_uid="participation-summaries")
        # A real import runs as a background job (issue 20).
        registry.register(import_job.SESSIONS_IMPORT, import_job.run_sessions_import)


def _group_kind_changed(sender: Any, group: Any, **kwargs: Any) -> None:
    """A group became, or stopped being, a Buddy Group: its young people's yearly participants
    are counted by its kind now, and its visit clock by the session kinds its new kind counts."""
    from heard.participation import summaries

    summaries.refresh_group_kind(group.pk)
    summaries.refresh_last_sessions([group.pk])

from typing import Any

from heard.core import app_config


class ParticipationConfig(app_config.HeardApp):
    name = "heard.participation"
    verbose_name = "Participation log"

    #: A real import runs as a background job (issue 20).
    jobs = (("import_job", "SESSIONS_IMPORT", "run_sessions_import"),)

    def ready(self) -> None:
        from heard.groups.signals import group_kind_changed

        super().ready()
        group_kind_changed.connect(_group_kind_changed, dispatch_uid="participation-summaries")


def _group_kind_changed(sender: Any, group: Any, **kwargs: Any) -> None:
    """A group became, or stopped being, a Buddy Group: its young people's yearly participants
    are counted by its kind now, and its visit clock by the session kinds its new kind counts."""
    from heard.participation import summaries

    summaries.refresh_group_kind(group.pk)
    summaries.refresh_last_sessions([group.pk])

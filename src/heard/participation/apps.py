from typing import Any

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "heard.participation"
    label = "participation"
    verbose_name = "Participation log"

    def ready(self) -> None:
        from heard.groups.signals import group_kind_changed
        from heard.participation import events, policies  # noqa: F401 (register them)

        group_kind_changed.connect(_group_kind_changed, dispatch_uid="participation-summaries")


def _group_kind_changed(sender: Any, group: Any, **kwargs: Any) -> None:
    """A group became, or stopped being, a Buddy Group: its young people's yearly participants
    are counted by its kind now, and its visit clock by the session kinds its new kind counts."""
    from heard.participation import summaries

    summaries.refresh_group_kind(group.pk)
    summaries.refresh_last_sessions([group.pk])

from typing import Any

from heard.core import app_config


class VoiceConfig(app_config.HeardApp):
    name = "heard.voice"
    verbose_name = "Voice: views, responses and feedback"

    def ready(self) -> None:
        from heard.groups.signals import group_links_changed, theme_lead_changed
        from heard.participation.signals import session_group_changed

        super().ready()
        group_links_changed.connect(_group_links_changed, dispatch_uid="voice-responsibility")
        theme_lead_changed.connect(_theme_lead_changed, dispatch_uid="voice-responsibility")
        session_group_changed.connect(_session_group_changed, dispatch_uid="voice-responsibility")


# Who answers for a view follows its theme's lead and its groups' leads and themes
# (``voice.responsibility``), which the apps below change and announce.


def _group_links_changed(sender: Any, group: Any, **kwargs: Any) -> None:
    from heard.voice import responsibility

    responsibility.refresh(responsibility.views_of_group(group.pk))


def _theme_lead_changed(sender: Any, theme: Any, **kwargs: Any) -> None:
    from heard.voice import responsibility

    responsibility.refresh(responsibility.views_of_theme(theme.pk))


def _session_group_changed(sender: Any, session: Any, **kwargs: Any) -> None:
    from heard.voice import responsibility
    from heard.voice.models import View

    responsibility.refresh(View.objects.filter(session_id=session.pk).values("pk"))

from django.db import transaction

from heard.config.parts import messages
from heard.core import hooks


def test_hook_runs_after_commit_and_not_after_rollback(db, django_capture_on_commit_callbacks):
    calls = []

    def handler(**kwargs):
        calls.append(kwargs)

    hooks.register("test.happened", handler)
    hooks.register("test.happened", handler)  # once only
    try:
        assert hooks.handlers("test.happened") == (handler,)
        with django_capture_on_commit_callbacks(execute=True):
            hooks.run_after_commit("test.happened", thing=1)
            assert calls == []
        assert calls == [{"thing": 1}]
        try:
            with transaction.atomic():
                hooks.run_after_commit("test.happened", thing=2)
                raise RuntimeError
        except RuntimeError:
            pass
        assert calls == [{"thing": 1}]
    finally:
        hooks.unregister("test.happened", handler)
        hooks.unregister("test.happened", handler)
    assert hooks.handlers("test.happened") == ()


def test_messaging_registers_its_handler():
    from heard.messaging.services import feedback_recorded

    assert feedback_recorded in hooks.handlers("feedback.recorded")


def configured(env):
    settings = {"INSTALLED_APPS": ["heard.voice", "django.forms"], "EMAIL_BACKEND": "console"}
    messages.configure(settings, env)
    return settings


def test_defaults_email_to_the_console():
    settings = configured({})
    assert settings["INSTALLED_APPS"] == ["heard.voice", "heard.messaging", "django.forms"]
    assert settings["HEARD_MESSAGE_BACKEND"] == "email"
    assert settings["EMAIL_BACKEND"] == "console"
    assert settings["HEARD_SITE_URL"] == "http://localhost:8000"
    assert settings["NOTIFY_TEMPLATES"]["feedback_told"] == ""


def test_email_host_switches_to_smtp_and_notify_key_to_notify():
    settings = configured({"EMAIL_HOST": "mail.council.gov.uk"})
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    settings = configured(
        {
            "NOTIFY_API_KEY": "key",
            "NOTIFY_TEMPLATE_FEEDBACK_TOLD": "abc",
            "HEARD_SITE_URL": "https://heard.example/",
        }
    )
    assert settings["HEARD_MESSAGE_BACKEND"] == "notify"
    assert settings["NOTIFY_TEMPLATES"]["feedback_told"] == "abc"
    assert settings["HEARD_SITE_URL"] == "https://heard.example"
    assert configured({"EMAIL_HOST": "x", "HEARD_TESTING": "1"})["EMAIL_BACKEND"] == "console"

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Young people decide: budget rounds, proposals, ballots and theme votes (issue 19, M17)."""

    name = "heard.decisions"
    label = "decisions"
    verbose_name = "Budgets and votes"

    def ready(self) -> None:
        from heard.decisions import events, policies  # noqa: F401 (register them)

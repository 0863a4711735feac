from heard.core import app_config


class DecisionsConfig(app_config.HeardApp):
    """Young people decide: budget rounds, proposals, ballots and theme votes (issue 19, M17)."""

    name = "heard.decisions"
    verbose_name = "Budgets and votes"

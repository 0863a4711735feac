from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Action plans against the seven Hear by Right standards (M10)."""

    name = "heard.plans"
    label = "plans"
    verbose_name = "Action plans"

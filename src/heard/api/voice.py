from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Registered by the voice area."""

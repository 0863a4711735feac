"""Views, responses, feedback and the loop figures over the API, with the pages' permissions.
Split by resource; import from here."""

from __future__ import annotations

from heard.api.voice.figures import (
    LoopFiguresOutput,
    LoopFiguresQuery,
    LoopFiguresViewSet,
    MedianField,
    OneObjectSchema,
    RatingCounts,
)
from heard.api.voice.responses import (
    FeedbackInput,
    FeedbackOutput,
    FeedbackViewSet,
    OptionalLinkField,
    ResponseInput,
    ResponseOutput,
    ResponseViewSet,
    VisibleResponseField,
)
from heard.api.voice.views import (
    EvidenceOutput,
    ViewInput,
    ViewOutput,
    ViewUpdateInput,
    ViewViewSet,
)

__all__ = [
    "EvidenceOutput",
    "FeedbackInput",
    "FeedbackOutput",
    "FeedbackViewSet",
    "LoopFiguresOutput",
    "LoopFiguresQuery",
    "LoopFiguresViewSet",
    "MedianField",
    "OneObjectSchema",
    "OptionalLinkField",
    "RatingCounts",
    "ResponseInput",
    "ResponseOutput",
    "ResponseViewSet",
    "ViewInput",
    "ViewOutput",
    "ViewUpdateInput",
    "ViewViewSet",
    "VisibleResponseField",
]

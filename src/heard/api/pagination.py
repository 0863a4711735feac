"""Page numbers for every API list, with the same count as the staff lists."""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from heard.core.lists import Paginator


class Pagination(PageNumberPagination):
    """``count`` is exact, except for an unfiltered list of a table over 100,000 rows, where it
    is PostgreSQL's estimate and ``count_is_estimate`` is true (``core.lists.Paginator``);
    ``next`` is exact either way."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = Paginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator = cast(Page, self.page).paginator  # set by paginate_queryset, which runs first
        return Response(
            {
                "count": paginator.count,
                "count_is_estimate": bool(getattr(paginator, "estimated", False)),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count_is_estimate"] = {
            "type": "boolean",
            "description": "True when count is an estimate (an unfiltered list of a big table).",
        }
        return paginated

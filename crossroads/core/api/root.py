"""The API root: links to each app's endpoints."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

#: App namespaces whose routers are mounted under /api/v1/<app>/.
API_APPS = ("core", "reference", "users", "evidence", "governance", "profiles",
            "people", "borders", "watchlists", "protection")


class APIRootView(APIView):
    """Crossroads API, version 1: one entry per app, plus the schema and its docs."""

    @extend_schema(exclude=True)
    def get(self, request: Request, format: Any = None) -> Response:
        links = {app: reverse(f"{app}-api:api-root", request=request) for app in API_APPS}
        links["schema"] = reverse("api-schema", request=request)
        links["docs"] = reverse("api-docs", request=request)
        return Response(links)

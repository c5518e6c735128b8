"""API pagination: limit/offset, with a ceiling."""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination


class CrossroadsPagination(LimitOffsetPagination):
    """``?limit=&offset=``; at most 1000 rows a page."""

    default_limit = int(str(settings.REST_FRAMEWORK["PAGE_SIZE"]))
    max_limit = 1000

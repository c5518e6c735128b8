"""Suite-wide fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache (API throttles count requests in it)."""
    cache.clear()
    yield



@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request in Russian through the test
    client leaves Russian active in the worker's thread, and later tests would read
    their labels in Russian."""
    with translation.override(settings.LANGUAGE_CODE):
        yield

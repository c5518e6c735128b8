"""Loaders of reference data: countries, the strategic framework, offices, admin areas.

Names are imported lazily, so importing this package does not touch the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "LoadResult": "common",
    "Problem": "errors",
    "ReferenceDataError": "errors",
    "load_admin_areas": "admin_areas",
    "load_countries": "countries",
    "load_framework": "framework",
    "load_offices": "offices",
    "load_reference": "all",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)

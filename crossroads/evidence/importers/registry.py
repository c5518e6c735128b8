"""The importers Crossroads knows, by the name the CLI and the UI use."""

from __future__ import annotations

from importlib import import_module

from crossroads.evidence.importers.base import Importer

_importers: dict[str, type[Importer]] = {}

#: Modules that define importers (imported on first use of the registry).
MODULES = ("undesa", "worldbank", "unhcr", "idmc", "generic", "sdmx_csv")


def register(cls: type[Importer]) -> type[Importer]:
    """Class decorator: make an importer available by its ``name``."""
    if cls.name in _importers and _importers[cls.name] is not cls:
        raise ValueError(f"two importers are called {cls.name!r}")
    _importers[cls.name] = cls
    return cls


def _load() -> None:
    for module in MODULES:
        import_module(f"crossroads.evidence.importers.{module}")


def importers() -> dict[str, type[Importer]]:
    """Every registered importer, by name, in the order ``import all`` runs them."""
    _load()
    return dict(_importers)


def shipped() -> list[type[Importer]]:
    """Importers that have shipped files (what ``crossroads import all`` runs)."""
    return [cls for cls in importers().values() if cls.files]


def get(name: str) -> type[Importer]:
    """The importer called ``name`` (KeyError lists the known ones)."""
    known = importers()
    if name not in known:
        raise KeyError(f"no importer {name!r}; known: {', '.join(sorted(known))}")
    return known[name]


__all__: list[str] = ["get", "importers", "register", "shipped"]

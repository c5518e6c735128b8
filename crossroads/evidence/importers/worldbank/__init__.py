"""World Bank importers: WDI series, bilateral matrices, Remittance Prices Worldwide.

Importing this package registers every World Bank importer.
"""

from __future__ import annotations

from crossroads.evidence.importers.worldbank import bilateral, rpw, wdi

__all__ = ["bilateral", "rpw", "wdi"]

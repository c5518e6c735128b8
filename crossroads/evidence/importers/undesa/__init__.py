"""Importers of UN DESA's International Migrant Stock, one per release (vintage).

Importing this package registers them all: the 2013 and 2015 origin–destination tables
(``undesa-2013``, ``undesa-2015-od``), the "Total" workbooks of 2015, 2017 and 2020
(``undesa-2015``, ``undesa-2017``, ``undesa-2020``), the 2017 origin–destination and age
files by sex (``undesa-2017-od``, ``undesa-2017-age``) and the 2019 origin–destination
file (``undesa-2019-od``). Each has its own release code; the releases of one revision
share its publication date, so a later revision supersedes an earlier one figure by figure.
"""

from __future__ import annotations

from crossroads.evidence.importers.undesa import ages, matrices, reshaped, workbooks

__all__ = ["ages", "matrices", "reshaped", "workbooks"]

"""Case-insensitive text matching in every script, on SQLite too.

SQLite's LIKE and LOWER() fold only ASCII letters, so "молдова" would not find
"Молдова". On SQLite, ``icontains`` compares Python-casefolded text instead;
PostgreSQL's own UPPER() already folds every script and keeps the default lookup.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models.lookups import IContains
from django.dispatch import receiver

FOLD_FUNCTION = "crossroads_casefold"


def casefold(value: Any) -> Any:
    """Fold case the Unicode way (None and non-text pass through)."""
    return value.casefold() if isinstance(value, str) else value


@receiver(connection_created)
def register_casefold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give every new SQLite connection the folding function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, casefold, deterministic=True)


class UnicodeIContains(IContains):
    """``icontains`` that folds Cyrillic, Georgian, Armenian and other scripts on SQLite."""

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        sql = f"{FOLD_FUNCTION}({lhs_sql}) LIKE {FOLD_FUNCTION}({rhs_sql}) ESCAPE '\\'"
        return sql, [*lhs_params, *rhs_params]


def register() -> None:
    """Use the Unicode-aware lookup for text fields (called once at start-up)."""
    models.CharField.register_lookup(UnicodeIContains)
    models.TextField.register_lookup(UnicodeIContains)

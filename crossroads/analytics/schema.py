"""The tables the border-flow pipelines read: crossing events and stay rules.

One row per crossing event, in the columns of :data:`EVENT_SCHEMA`, from a Parquet
file, an Arrow table or the ``borders.Crossing`` table (``sources.events_from_crossings``);
one row per stay rule in :data:`RULE_SCHEMA`. Input is checked before a pipeline runs:
a table with a missing or mistyped column is refused with the column named.
"""

from __future__ import annotations

import pyarrow as pa
from django.utils.translation import gettext as _

EVENT_SCHEMA = pa.schema([
    ("event_id", pa.int64()),
    ("person_id", pa.int64()),
    ("crossed_at", pa.timestamp("us")),
    ("movement", pa.string()),  # entry | exit | refused | transit
    ("point", pa.string()),  # crossing point code
    ("country", pa.string()),  # ISO3 of the country whose border it is
    ("nationality", pa.string()),
    ("sex", pa.string()),  # F, M, X, U
    ("birth_year", pa.int16()),
    ("permit_kind", pa.string()),
    ("permit_valid_until", pa.date32()),
])

RULE_SCHEMA = pa.schema([
    ("rule_id", pa.int64()),  # settles ties between equally specific rules (lower wins)
    ("country", pa.string()),
    ("nationality", pa.string()),  # null: any nationality
    ("permit_kind", pa.string()),  # null: any visa or permit
    ("kind", pa.string()),  # rolling | per_entry | validity | unlimited
    ("days", pa.int32()),
    ("window", pa.int32()),
])

MOVEMENTS = ("entry", "exit", "refused", "transit")
RULE_KINDS = ("rolling", "per_entry", "validity", "unlimited")

#: Age groups at the time of crossing: (code, first age, last age).
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("Y0T14", 0, 14), ("Y15T24", 15, 24), ("Y25T44", 25, 44), ("Y45T64", 45, 64),
    ("Y_GE65", 65, None),
)
UNKNOWN_AGE = "_U"

#: Stay lengths in days (both the day of entry and of exit count): (code, first, last).
STAY_BINS: tuple[tuple[str, int, int | None], ...] = (
    ("D1", 1, 1), ("D2T7", 2, 7), ("D8T30", 8, 30), ("D31T90", 31, 90), ("D91T180", 91, 180),
    ("D181T365", 181, 365), ("D_GE366", 366, None),
)


class InputError(ValueError):
    """Input a pipeline cannot read: the message names the table and the column."""


def check_schema(schema: pa.Schema, expected: pa.Schema, table: str) -> None:
    """Refuse a table whose columns are missing or of another kind than ``expected``.

    Integer widths and timestamp units may differ (Parquet writers choose them); a
    string where a number is expected may not.
    """
    for field in expected:
        if field.name not in schema.names:
            raise InputError(_("The %(table)s table has no column %(column)s.")
                             % {"table": table, "column": field.name})
        found = schema.field(field.name).type
        if not compatible(found, field.type):
            raise InputError(_("Column %(column)s of the %(table)s table is %(found)s; "
                               "%(expected)s was expected.")
                             % {"table": table, "column": field.name, "found": found,
                                "expected": field.type})


def compatible(found: pa.DataType, expected: pa.DataType) -> bool:
    """Whether a column of type ``found`` can stand for one of type ``expected``."""
    kinds = (pa.types.is_integer, pa.types.is_timestamp, pa.types.is_date,
             lambda t: pa.types.is_string(t) or pa.types.is_large_string(t)
             or pa.types.is_dictionary(t))
    if pa.types.is_null(found):
        return True
    return any(kind(expected) and kind(found) for kind in kinds)


def conform(table: pa.Table, expected: pa.Schema) -> pa.Table:
    """``table`` with exactly the columns of ``expected``, cast to its types."""
    return pa.Table.from_arrays([table.column(f.name).cast(f.type) for f in expected],
                                schema=expected)


def empty_rules() -> pa.Table:
    return RULE_SCHEMA.empty_table()

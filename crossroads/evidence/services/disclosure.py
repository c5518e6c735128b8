"""Small-cell suppression of figures derived from case or person records.

Figures that analytics pipelines compute from border, protection, health or
displacement records can identify people when they are small. Before such figures
are exported or shown to someone without access to the underlying records,
:func:`protect` applies the indicator's small-cell threshold
(``Indicator.suppression_threshold``):

* **Primary suppression**: every count with ``0 < value < threshold`` is withheld
  (status ``S``, confidentiality ``C``).
* **Zeros are published.** A zero reveals no one's record, and from the figures alone
  a structural zero (no women among conscripts) cannot be told from a sampling zero;
  suppressing every zero would blank out most of a sparse origin table. Zeros are
  also never chosen for secondary suppression while a non-zero cell can be (hiding a
  zero next to a small cell protects little: the pair's sum is the small cell).
* **Secondary suppression** (confidentiality ``D``): a *table* is a total and its
  parts along one breakdown, with every other dimension fixed: the sex breakdown
  (F, M and the total ``_T``), the age breakdown (age groups and ``_T``), the origin
  breakdown (origins and the all-origins total, origin ``None``), the destination
  breakdown, and, when ``regions`` is given, a regional total and its members. The
  total must equal the sum of its parts (the parts partition it). In a table where
  exactly one cell is withheld, it could be recovered as the total minus the
  published parts (or, if it is the total, as their sum), so the smallest published
  non-zero part is withheld too. Because one cell sits in several tables (a sex
  table and an age table), this repeats until no table has exactly one withheld
  cell. Tables linked this way can still give a cell away through a combination of
  their equations; a final audit solves the linear system of all tables exactly
  (rational arithmetic) and withholds more cells until no withheld value follows
  from the published ones.

What is guaranteed is that no withheld value can be computed exactly from the
published figures of the same call; bounds remain (a withheld cell is at most its
table's total). Protect everything that is published together in one call: figures
protected separately can be combined by a reader. Figures whose value is ``None``
are left as they are and treated as absent (which is conservative). Ratios derived
from protected counts are not protected by this module: derive them from the
protected values, or suppress them with their numerators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from crossroads.core.permissions import can
from crossroads.evidence.choices import Confidentiality, ObservationStatus, Sex
from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.evidence.services.values import Value

#: The custom action that grants access to the figures before suppression.
VIEW_MICRODATA = "view_microdata"

#: Set while figures are computed for a public release (see :func:`for_publication`).
_PUBLICATION: ContextVar[bool] = ContextVar("evidence_publication", default=False)

#: A cell's identity: indicator, area, period, sex, age, origin, destination.
Cell = tuple[str, str, str, str, str, str | None, str | None]
AREA = 1
#: Breakdowns that form tables: the position in a ``Cell`` and the code of the total.
BREAKDOWNS: dict[str, tuple[int, str | None]] = {
    "sex": (3, Sex.TOTAL.value), "age": (4, TOTAL_AGE), "origin": (5, None),
    "destination": (6, None),
}


@dataclass(frozen=True)
class Table:
    """Cells that add up: a total and its parts along one breakdown (indices of cells)."""

    breakdown: str
    total: int
    parts: tuple[int, ...]

    @property
    def cells(self) -> tuple[int, ...]:
        return (self.total, *self.parts)


def cell_of(value: Value) -> Cell:
    """The dimensions that identify a figure."""
    return (value.indicator, value.area, value.period, value.sex, value.age, value.origin,
            value.destination)


def find_tables(cells: Sequence[Cell],
                regions: Mapping[str, Iterable[str]] | None = None) -> list[Table]:
    """Every table (a total present with at least one part) among ``cells``."""
    index = {cell: i for i, cell in enumerate(cells)}
    parts_of: dict[tuple[str, Cell], list[int]] = defaultdict(list)
    for breakdown, (position, total_code) in BREAKDOWNS.items():
        for i, cell in enumerate(cells):
            if cell[position] != total_code:
                parts_of[(breakdown, with_code(cell, position, total_code))].append(i)
    for region, members in (regions or {}).items():
        member_codes = set(members)
        for i, cell in enumerate(cells):
            if cell[AREA] in member_codes:
                parts_of[(f"area:{region}", with_code(cell, AREA, region))].append(i)
    return [Table(breakdown, index[total], tuple(parts))
            for (breakdown, total), parts in parts_of.items() if total in index]


def with_code(cell: Cell, position: int, code: str | None) -> Cell:
    """``cell`` with one dimension replaced."""
    return cell[:position] + (code,) + cell[position + 1:]  # type: ignore[return-value]


def companion(table: Table, amounts: Sequence[float], hidden: Mapping[int, str]) -> int | None:
    """The cell to withhold next in ``table``: its smallest published non-zero part.

    Failing that (only when the parts do not add up to the total), the total; then a
    published zero part.
    """
    published = sorted((amounts[i], i) for i in table.parts if i not in hidden)
    non_zero = [i for amount, i in published if amount != 0]
    if non_zero:
        return non_zero[0]
    if table.total not in hidden:
        return table.total
    return published[0][1] if published else None


def tables_by_cell(tables: Iterable[Table]) -> dict[int, list[Table]]:
    """The tables each cell belongs to."""
    by_cell: dict[int, list[Table]] = defaultdict(list)
    for table in tables:
        for i in table.cells:
            by_cell[i].append(table)
    return by_cell


def balance(by_cell: Mapping[int, list[Table]], amounts: Sequence[float],
            hidden: dict[int, str]) -> None:
    """Withhold cells until no table has exactly one withheld cell."""
    pending = list(hidden)
    while pending:
        touched = {id(t): t for i in pending for t in by_cell.get(i, ())}
        pending = []
        for table in touched.values():
            if sum(i in hidden for i in table.cells) == 1:
                chosen = companion(table, amounts, hidden)
                if chosen is not None:
                    hidden[chosen] = Confidentiality.SECONDARY
                    pending.append(chosen)


def recoverable(tables: Sequence[Table], hidden: Mapping[int, str]) -> list[int]:
    """Withheld cells whose value follows exactly from the published figures.

    Each table is an equation (parts minus total = 0); published cells are known, so
    the unknowns are the withheld cells. A withheld cell is determined exactly when
    its unit vector lies in the row space of the system: in the reduced row echelon
    form, a row with a single entry.
    """
    equations = []
    for table in tables:
        equation = {i: 1 for i in table.parts if i in hidden}
        if table.total in hidden:
            equation[table.total] = -1
        if equation:
            equations.append(equation)
    pivots = reduced_row_echelon(equations)
    return sorted(col for col, row in pivots.items() if len(row) == 1)


def reduced_row_echelon(equations: Iterable[Mapping[int, int]]) -> dict[int, dict[int, Fraction]]:
    """The reduced row echelon form of sparse rows, by pivot column, in exact arithmetic."""
    pivots: dict[int, dict[int, Fraction]] = {}
    for equation in equations:
        row = {col: Fraction(coefficient) for col, coefficient in equation.items()}
        for col in [col for col in row if col in pivots]:
            subtract(row, pivots[col], row.get(col, Fraction(0)))
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {col: value / scale for col, value in row.items()}
        for other in pivots.values():
            if pivot in other:
                subtract(other, row, other[pivot])
        pivots[pivot] = row
    return pivots


def subtract(row: dict[int, Fraction], other: Mapping[int, Fraction], factor: Fraction) -> None:
    """``row -= factor × other``, dropping zeros."""
    if not factor:
        return
    for col, value in other.items():
        result = row.get(col, Fraction(0)) - factor * value
        if result:
            row[col] = result
        else:
            row.pop(col, None)


def suppress(cells: Sequence[Cell], amounts: Sequence[float], threshold: int,
             regions: Mapping[str, Iterable[str]] | None = None) -> dict[int, str]:
    """Which cells to withhold, and why: ``C`` (primary) or ``D`` (secondary)."""
    hidden: dict[int, str] = {i: Confidentiality.CONFIDENTIAL
                              for i, amount in enumerate(amounts) if 0 < amount < threshold}
    if not hidden:
        return hidden
    tables = find_tables(cells, regions)
    by_cell = tables_by_cell(tables)
    while True:
        balance(by_cell, amounts, hidden)
        if not widen(recoverable(tables, hidden), by_cell, amounts, hidden):
            return hidden


def widen(exposed: Iterable[int], by_cell: Mapping[int, list[Table]],
          amounts: Sequence[float], hidden: dict[int, str]) -> bool:
    """Withhold, for each exposed cell, the smallest candidate of its tables; False if none."""
    added = False
    for i in exposed:
        candidates = [c for table in by_cell.get(i, ())
                      if (c := companion(table, amounts, hidden)) is not None]
        if candidates:
            hidden[min(candidates, key=lambda c: (amounts[c], c))] = Confidentiality.SECONDARY
            added = True
    return added


def protect(values: Sequence[Value], indicator: Indicator | str, *,
            threshold: int | None = None,
            regions: Mapping[str, Iterable[str]] | None = None) -> list[Value]:
    """``values`` with small cells of ``indicator`` withheld, and enough others to hide them.

    ``threshold`` overrides the indicator's ``suppression_threshold`` (read from the
    database when ``indicator`` is a code and no threshold is given); without one, the
    values are returned unchanged. ``regions`` maps a regional area code to its
    member area codes, for regional totals published with their members. Values of
    other indicators pass unchanged. Withheld values come back with ``value=None``,
    status ``S``, confidentiality ``C`` (primary) or ``D`` (secondary), and no
    observation ids (so a page cannot link to the raw observation).
    """
    code = indicator if isinstance(indicator, str) else indicator.code
    limit = threshold if threshold is not None else threshold_of(indicator)
    if not limit or limit <= 1:
        return list(values)
    chosen = [i for i, v in enumerate(values) if v.indicator == code and v.value is not None]
    cells = [cell_of(values[i]) for i in chosen]
    if len(set(cells)) != len(cells):
        raise ValueError(f"{code}: the same figure appears twice; protect one release at a time")
    amounts = [float(values[i].value) for i in chosen]  # type: ignore[arg-type]
    result = list(values)
    for position, mark in suppress(cells, amounts, limit, regions).items():
        i = chosen[position]
        result[i] = replace(values[i], value=None, status=ObservationStatus.SUPPRESSED.value,
                            confidentiality=str(mark), observation_ids=())
    return result


def threshold_of(indicator: Indicator | str) -> int | None:
    """The small-cell threshold of an indicator (None: its figures are not protected)."""
    if isinstance(indicator, Indicator):
        return indicator.suppression_threshold
    return Indicator.objects.values_list("suppression_threshold", flat=True).get(code=indicator)


def needs_protection(user: Any, indicator: Indicator | str) -> bool:
    """Whether ``user`` may see ``indicator``'s figures only after small-cell suppression.

    True when the indicator has a threshold and the user lacks access to the
    underlying records. That access is the custom action ``view_microdata`` on
    ``evidence.observation``: an object permission with ``actions: ["view_microdata"]``
    on Observation, given directly or through a role. Its constraints are not
    consulted (holding it for any observation is enough); superusers hold it, as
    they hold every action on a model that is not sensitive.
    """
    if not threshold_of(indicator):
        return False
    return not sees_microdata(user)


def sees_microdata(user: Any) -> bool:
    """Whether figures computed now for ``user`` may show cells before suppression.

    Never inside :func:`for_publication`, whoever the user is.
    """
    return not _PUBLICATION.get() and can(user, Observation, VIEW_MICRODATA)


@contextmanager
def for_publication() -> Iterator[None]:
    """Compute figures as the public may see them: small cells suppressed for everyone.

    Used when a document that will be public (a published profile) is frozen, so
    that an author's access to the underlying records never leaks into it.
    """
    token = _PUBLICATION.set(True)
    try:
        yield
    finally:
        _PUBLICATION.reset(token)


def protect_for(user: Any, values: Sequence[Value], indicator: Indicator | str,
                regions: Mapping[str, Iterable[str]] | None = None) -> list[Value]:
    """``values`` as ``user`` may see them: raw with ``view_microdata``, else protected."""
    if not needs_protection(user, indicator):
        return list(values)
    return protect(values, indicator, regions=regions)

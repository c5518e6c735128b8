"""k-anonymous public release of trafficking case records.

A public-release file of case data may carry only the columns a data manager allows:
the *quasi-identifiers* (sex, age, nationality, country of exploitation, year of
identification, type of exploitation...), which a reader could link to outside
knowledge of a person, and a few *released attributes* that identify no one. Direct
identifiers (names, case ids, dates of birth) and every other column are withheld.

The release is **k-anonymous** over its quasi-identifiers: every combination of
released quasi-identifier values describes at least ``k`` released cases (default
11), so a reader who knows a victim's sex, age, nationality... can narrow them down
to no fewer than ``k`` records.

Algorithm: **optimal full-domain generalisation** (Samarati 2001; Sweeney 2002) by an
exhaustive search of the generalisation lattice, the search space of Incognito
(LeFevre, DeWitt and Ramakrishnan 2005). Each quasi-identifier has a ladder of
generalisation levels (:class:`Hierarchy`: as recorded → coarser → ... → ``*``); a
node of the lattice picks one level per column and recodes the *whole* column to it.
At each node, rows in classes smaller than ``k`` would be suppressed; a node is
acceptable when at most ``max_suppression`` of the rows are. Among acceptable nodes
the one with the least information loss is chosen (ties: fewer levels climbed, then
the lexicographically smallest node), and the remaining small classes are suppressed
(the rows are left out of the release).

Information loss is the precision loss of Sweeney's *Prec* extended to suppression:
a released cell at level ``l`` of a ladder of height ``h`` loses ``l / h``; a
suppressed row loses everything (1 per column); the figure is the mean over all cells,
0 for the data as recorded and 1 when nothing is released. The search is exhaustive,
rather than pruned by Incognito's monotonicity, because the ladders asked for are not
nested (the 10-year band 10-19 straddles the under-18 / 18+ split); a few hundred
nodes are searched in well under a second with NumPy.

Because a node acceptable at ``k`` is acceptable at any smaller ``k`` and suppresses
no more rows there, a larger ``k`` never gives a release with less information loss.
It can, however, reach that loss by a different mix of levels (coarser age, finer
year): no optimal search can promise per-column monotonicity.

What k-anonymity does not give: released attributes are published as recorded, so a
class whose members share one attribute value discloses it (l-diversity is not
enforced); and releases of the same cases at different times or with different
columns can be combined by a reader. Release once, over the columns that matter.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext

#: The value of a column generalised to the top of its ladder: nothing is said.
SUPPRESSED = "*"
#: Default k: the threshold asked for in issue 7 for public releases of case data.
DEFAULT_K = 11
#: The largest lattice searched exhaustively; more means too many quasi-identifiers.
MAX_LATTICE_NODES = 50_000

Record = dict[str, Any]
Node = tuple[int, ...]


class ReleaseRefused(ValueError):
    """The release was asked for with parameters that cannot give a safe file."""


@dataclass(frozen=True)
class Hierarchy:
    """A generalisation ladder for one column: as recorded, the given steps, then ``*``.

    Each step maps a value as recorded to its generalised value; the first level (as
    recorded) and the last (``*``, nothing said) are added here so every ladder can
    reach k-anonymity when there are at least k cases.
    """

    steps: tuple[tuple[str, Callable[[Any], Hashable]], ...] = ()

    @property
    def height(self) -> int:
        """The top level (``*``); levels run from 0 (as recorded) to the height."""
        return len(self.steps) + 1

    def label(self, level: int) -> str:
        """The level's name as a data manager reads it in the report."""
        if level == 0:
            return gettext("as recorded")
        if level == self.height:
            return gettext("suppressed (*)")
        return self.steps[level - 1][0]

    def generalise(self, value: Any, level: int) -> Hashable:
        """The value at the given level; a missing value stays missing below the top."""
        if level == self.height:
            return SUPPRESSED
        if level == 0 or _missing(value):
            return None if _missing(value) else value
        return self.steps[level - 1][1](value)


def categorical() -> Hierarchy:
    """Sex, country of exploitation, type of exploitation...: as recorded or ``*``."""
    return Hierarchy()


def age_hierarchy() -> Hierarchy:
    """Age in years → 5-year band → 10-year band → under 18 / 18+ → ``*``."""
    return Hierarchy((
        (gettext("5-year band"), lambda age: _band(age, 5)),
        (gettext("10-year band"), lambda age: _band(age, 10)),
        (gettext("under 18 / 18+"), lambda age: "<18" if int(age) < 18 else "18+"),
    ))


def year_hierarchy() -> Hierarchy:
    """Year (or a date) → 2-year period starting on an even year → ``*``."""
    return Hierarchy(((gettext("2-year period"), _two_year_period),))


def region_hierarchy(regions: Mapping[str, tuple[str, str]]) -> Hierarchy:
    """Nationality → sub-region → region → ``*``, from ``{code: (sub-region, region)}``.

    A code missing from the mapping becomes ``*`` above the first level: it is
    generalised as far as the ladder goes rather than published as a region of its own.
    """
    def sub_region(code: Any) -> Hashable:
        return regions.get(code, (SUPPRESSED, SUPPRESSED))[0]

    def region(code: Any) -> Hashable:
        return regions.get(code, (SUPPRESSED, SUPPRESSED))[1]

    return Hierarchy(((gettext("sub-region"), sub_region), (gettext("region"), region)))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _band(age: Any, width: int) -> str:
    start = int(age) // width * width
    return f"{start}-{start + width - 1}"


def _two_year_period(value: Any) -> str:
    year = value.year if isinstance(value, date) else int(value)
    start = year - year % 2
    return f"{start}-{start + 1}"


@dataclass
class Release:
    """A k-anonymous public release and what was done to the data to get it."""

    rows: list[Record]
    k: int
    quasi_identifiers: tuple[str, ...]
    attributes: tuple[str, ...]
    #: The generalisation level chosen per quasi-identifier (0 = as recorded).
    levels: dict[str, int]
    #: The name of the chosen level per quasi-identifier ("5-year band").
    level_labels: dict[str, str]
    #: Cases in the input.
    total: int
    #: Cases left out because their class stayed smaller than k.
    suppressed: int
    #: 0 = data as recorded, 1 = nothing released (see the module docstring).
    information_loss: float
    #: Lines a data manager reads before publishing.
    report: list[str] = field(default_factory=list)

    def as_dataframe(self) -> pd.DataFrame:
        """The released rows as a DataFrame with the released columns in order."""
        return pd.DataFrame(self.rows, columns=[*self.quasi_identifiers, *self.attributes])


def release(
    rows: Iterable[Mapping[str, Any]] | pd.DataFrame,
    quasi_identifiers: Sequence[str],
    hierarchies: Mapping[str, Hierarchy] | None = None,
    k: int = DEFAULT_K,
    max_suppression: float = 0.05,
    *,
    attributes: Sequence[str] = (),
    direct_identifiers: Sequence[str] = (),
) -> Release:
    """Make a k-anonymous public release of case records.

    ``rows`` are case records (dicts or a DataFrame). Only ``quasi_identifiers``
    (generalised) and ``attributes`` (published as recorded, and only those that
    identify no one) are released; a quasi-identifier without a hierarchy is
    categorical (as recorded or ``*``). ``direct_identifiers`` are named so that a
    mistake (one also listed for release) is refused. At most ``max_suppression`` of
    the cases are left out, unless there are fewer than ``k`` cases in all, when
    nothing can be released. Raises :class:`ReleaseRefused` on bad parameters.
    """
    records = _records(rows)
    qis, attrs = tuple(quasi_identifiers), tuple(attributes)
    ladders = _check(records, qis, hierarchies or {}, k, max_suppression, attrs,
                     tuple(direct_identifiers), _columns(rows, records))
    if not records:
        return _empty_release(qis, attrs, ladders, k)
    codes = _level_codes(records, qis, ladders)
    node, small = _best_node(codes, ladders, qis, k, len(records), max_suppression)
    released = _released_rows(records, qis, attrs, ladders, node, small)
    return _assemble(released, records, qis, attrs, ladders, node, k, max_suppression,
                     direct_identifiers)


def _records(rows: Iterable[Mapping[str, Any]] | pd.DataFrame) -> list[Record]:
    if isinstance(rows, pd.DataFrame):
        frame = rows.astype(object).where(rows.notna(), None)
        return [dict(record) for record in frame.to_dict("records")]
    return [dict(row) for row in rows]


def _columns(rows: Any, records: list[Record]) -> set[str] | None:
    """The columns present, or None when nothing tells (no rows, no DataFrame)."""
    if isinstance(rows, pd.DataFrame):
        return {str(column) for column in rows.columns}
    if not records:
        return None
    return set().union(*(record.keys() for record in records))


def _check(
    records: list[Record], qis: tuple[str, ...], hierarchies: Mapping[str, Hierarchy],
    k: int, max_suppression: float, attrs: tuple[str, ...], direct: tuple[str, ...],
    columns: set[str] | None,
) -> dict[str, Hierarchy]:
    """Refuse parameters that cannot give a safe release; return the ladder per column."""
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2:
        raise ReleaseRefused(gettext("k must be a whole number of at least 2, not %(k)r.")
                             % {"k": k})
    if not 0 <= max_suppression <= 1:
        raise ReleaseRefused(gettext("max_suppression must be between 0 and 1, not %(value)r.")
                             % {"value": max_suppression})
    if not qis:
        raise ReleaseRefused(gettext("Name at least one quasi-identifier."))
    for name, group in ((gettext("quasi-identifier"), qis), (gettext("attribute"), attrs)):
        doubled = sorted(set(group) & set(direct))
        if doubled:
            raise ReleaseRefused(
                gettext("%(columns)s cannot be both a direct identifier and a released "
                        "%(kind)s.") % {"columns": ", ".join(doubled), "kind": name})
    _refuse_unknown(qis, attrs, hierarchies, columns)
    return {column: hierarchies.get(column, categorical()) for column in qis}


def _refuse_unknown(
    qis: tuple[str, ...], attrs: tuple[str, ...], hierarchies: Mapping[str, Hierarchy],
    columns: set[str] | None,
) -> None:
    repeated = sorted({c for c in (*qis, *attrs) if (*qis, *attrs).count(c) > 1})
    if repeated:
        raise ReleaseRefused(gettext("Columns named twice for release: %(columns)s.")
                             % {"columns": ", ".join(repeated)})
    stray = sorted(set(hierarchies) - set(qis))
    if stray:
        raise ReleaseRefused(gettext("Hierarchies given for columns that are not "
                                     "quasi-identifiers: %(columns)s.")
                             % {"columns": ", ".join(stray)})
    unknown = [] if columns is None else sorted(set(qis + attrs) - columns)
    if unknown:
        raise ReleaseRefused(gettext("Unknown columns: %(columns)s.")
                             % {"columns": ", ".join(unknown)})
    too_tall = math.prod(hierarchies.get(c, categorical()).height + 1 for c in qis)
    if too_tall > MAX_LATTICE_NODES:
        raise ReleaseRefused(gettext("Too many quasi-identifiers or levels to search "
                                     "(%(nodes)d combinations); release fewer columns.")
                             % {"nodes": too_tall})


def _level_codes(
    records: list[Record], qis: tuple[str, ...], ladders: dict[str, Hierarchy],
) -> dict[str, list[np.ndarray]]:
    """Integer codes of every column at every level, so a node is grouped by NumPy."""
    codes: dict[str, list[np.ndarray]] = {}
    for column in qis:
        ladder = ladders[column]
        values = [record.get(column) for record in records]
        codes[column] = [
            _factorize([ladder.generalise(value, level) for value in values])
            for level in range(ladder.height + 1)
        ]
    return codes


def _factorize(values: list[Hashable]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    labels, _ = pd.factorize(array, use_na_sentinel=False)
    return np.asarray(labels, dtype=np.int64)


def _small_classes(codes: dict[str, list[np.ndarray]], qis: tuple[str, ...], node: Node,
                   k: int) -> np.ndarray:
    """True for the rows whose class at this node has fewer than k rows."""
    key = np.zeros(len(codes[qis[0]][0]), dtype=np.int64)
    for column, level in zip(qis, node, strict=True):
        column_codes = codes[column][level]
        key = key * (int(column_codes.max()) + 1) + column_codes
        # Renumber after each column so the combined key never overflows.
        key = np.unique(key, return_inverse=True)[1].ravel()
    sizes = np.bincount(key)
    return np.asarray(sizes[key] < k)


def _loss(node: Node, ladders: Sequence[Hierarchy], suppressed: int, total: int) -> float:
    """Precision loss of the release: level/height per released cell, 1 per suppressed."""
    precision = sum(level / ladder.height for level, ladder in zip(node, ladders, strict=True))
    kept = total - suppressed
    return (kept * precision / len(node) + suppressed) / total


def _best_node(
    codes: dict[str, list[np.ndarray]], ladders: dict[str, Hierarchy], qis: tuple[str, ...],
    k: int, total: int, max_suppression: float,
) -> tuple[Node, np.ndarray]:
    """The least-loss lattice node within the suppression budget, and its small rows.

    With fewer than k cases no node is acceptable: the top node is returned with every
    row small, so nothing is released.
    """
    ordered = [ladders[column] for column in qis]
    budget = math.floor(max_suppression * total + 1e-9)
    best: tuple[float, int, Node] | None = None
    best_small = np.ones(total, dtype=bool)
    for node in itertools.product(*(range(ladder.height + 1) for ladder in ordered)):
        small = _small_classes(codes, qis, node, k)
        suppressed = int(small.sum())
        if suppressed > budget:
            continue
        rank = (_loss(node, ordered, suppressed, total), sum(node), node)
        if best is None or rank < best:
            best, best_small = rank, small
    if best is None:
        return tuple(ladder.height for ladder in ordered), np.ones(total, dtype=bool)
    return best[2], best_small


def _released_rows(
    records: list[Record], qis: tuple[str, ...], attrs: tuple[str, ...],
    ladders: dict[str, Hierarchy], node: Node, small: np.ndarray,
) -> list[Record]:
    """The kept rows, generalised, with only the released columns, in a data order.

    Sorting by the released values breaks the link to the order of the case register
    (which often follows case ids or dates of registration).
    """
    released = [
        {**{column: ladders[column].generalise(record.get(column), level)
            for column, level in zip(qis, node, strict=True)},
         **{column: record.get(column) for column in attrs}}
        for record, drop in zip(records, small, strict=True) if not drop
    ]
    return sorted(released, key=lambda row: [(v is None, str(v)) for v in row.values()])


def _assemble(
    released: list[Record], records: list[Record], qis: tuple[str, ...],
    attrs: tuple[str, ...], ladders: dict[str, Hierarchy], node: Node, k: int,
    max_suppression: float, direct: Sequence[str],
) -> Release:
    total, suppressed = len(records), len(records) - len(released)
    result = Release(
        rows=released, k=k, quasi_identifiers=qis, attributes=attrs,
        levels=dict(zip(qis, node, strict=True)),
        level_labels={c: ladders[c].label(level) for c, level in zip(qis, node, strict=True)},
        total=total, suppressed=suppressed,
        information_loss=_loss(node, [ladders[c] for c in qis], suppressed, total),
    )
    withheld = sorted(set().union(*(r.keys() for r in records)) - set(qis) - set(attrs))
    result.report = _report(result, ladders, max_suppression, withheld, set(direct))
    return result


def _empty_release(qis: tuple[str, ...], attrs: tuple[str, ...],
                   ladders: dict[str, Hierarchy], k: int) -> Release:
    return Release(
        rows=[], k=k, quasi_identifiers=qis, attributes=attrs,
        levels=dict.fromkeys(qis, 0), level_labels={c: ladders[c].label(0) for c in qis},
        total=0, suppressed=0, information_loss=0.0,
        report=[gettext("No cases were given: the release is empty.")],
    )


def _report(result: Release, ladders: dict[str, Hierarchy], max_suppression: float,
            withheld: list[str], direct: set[str]) -> list[str]:
    """Lines a data manager reads before publishing: the guarantee and its price."""
    lines = [gettext("k-anonymity with k = %(k)d: every combination of released "
                     "quasi-identifier values describes at least %(k)d cases.")
             % {"k": result.k}]
    if result.total < result.k:
        lines.append(gettext("Only %(total)d cases, fewer than k: nothing can be released.")
                     % {"total": result.total})
    lines.append(gettext("%(total)d cases in, %(released)d released, %(suppressed)d "
                         "suppressed (%(share).1f%%; at most %(allowed).1f%% allowed).")
                 % {"total": result.total, "released": len(result.rows),
                    "suppressed": result.suppressed,
                    "share": 100 * result.suppressed / result.total,
                    "allowed": 100 * max_suppression})
    for column, level in result.levels.items():
        lines.append(gettext("%(column)s: %(label)s (level %(level)d of %(height)d).")
                     % {"column": column, "label": result.level_labels[column],
                        "level": level, "height": ladders[column].height})
    lines.append(gettext("Information loss: %(loss).2f (0 = as recorded, 1 = nothing "
                         "released).") % {"loss": result.information_loss})
    if result.attributes:
        lines.append(gettext("Released as recorded, not generalised: %(columns)s. Where "
                             "all the cases of a group share a value, it is disclosed for "
                             "the group.") % {"columns": ", ".join(result.attributes)})
    if withheld:
        marked = gettext("direct identifier")
        named = [f"{c} ({marked})" if c in direct else c for c in withheld]
        lines.append(gettext("Withheld columns: %(columns)s.")
                     % {"columns": ", ".join(named)})
    return lines

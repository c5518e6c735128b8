"""HXL-tagged CSV: the long table of figures with a row of HXL hashtags under the header.

Tags keep to the HXL core hashtags (https://hxlstandard.org/standard/1-1final/dictionary/)
and the attributes the standard documents: an indicator in long form is
``#indicator+code`` / ``#indicator+name`` / ``#indicator+value+num``; places are
``#country+code`` / ``#country+name``, with ``+origin`` and ``+dest`` for the origin
and destination of a movement; the period is ``#date``. The standard has no core
hashtag for a row's sex or age group (it disaggregates with attributes on the value
column, e.g. ``#affected+f``), so the breakdown and the row's metadata use ``#meta``
with descriptive attributes: ``#meta+sex``, ``#meta+age``, ``#meta+status``,
``#meta+source``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from crossroads.evidence.exporters.common import Labels, format_number, sort_values
from crossroads.evidence.services.values import Value

#: (column header, HXL hashtag) of every column, in order.
COLUMNS = (
    ("Indicator code", "#indicator+code"),
    ("Indicator", "#indicator+name"),
    ("Unit", "#meta+unit"),
    ("Area code", "#country+code"),
    ("Area", "#country+name"),
    ("Period", "#date"),
    ("Sex", "#meta+sex"),
    ("Age group", "#meta+age"),
    ("Origin code", "#country+code+origin"),
    ("Origin", "#country+name+origin"),
    ("Destination code", "#country+code+dest"),
    ("Destination", "#country+name+dest"),
    ("Value", "#indicator+value+num"),
    ("Status", "#meta+status"),
    ("Coverage", "#meta+coverage"),
    ("Source", "#meta+source"),
)


def to_hxl(values: Iterable[Value], labels: Labels) -> str:
    """HXL-tagged CSV text: header row, hashtag row, one row per figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in COLUMNS])
    writer.writerow([tag for _, tag in COLUMNS])
    for v in sort_values(values):
        writer.writerow([
            v.indicator, labels.indicators.get(v.indicator, ""), labels.units.get(v.indicator, ""),
            v.area, labels.area(v.area), v.period, v.sex, v.age,
            v.origin or "", labels.area(v.origin), v.destination or "",
            labels.area(v.destination), format_number(v.value), v.status,
            str(v.coverage) if v.coverage else "",
            "; ".join(labels.releases.get(code, code) for code in v.releases),
        ])
    return buffer.getvalue()

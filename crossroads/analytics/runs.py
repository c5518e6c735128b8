"""One run of the border-flow pipelines, as a job or from the command line."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from crossroads.analytics.flows import RESULTS, FlowResult, run_flows, total
from crossroads.analytics.schema import InputError
from crossroads.analytics.traffic import default_rules
from crossroads.core.context import current_actor
from crossroads.reference.loaders.common import NullProgress, Progress


def run_and_publish(progress: Progress | None = None, *, events: str | None = None,
                    engine: str = "duckdb", as_of: str | date | None = None,
                    publish: bool = True, rules: str = "database") -> dict[str, Any]:
    """Run the pipelines over ``events`` (a Parquet path; default: the recorded
    crossings the job's user may view) and publish monthly entries and exits."""
    from crossroads.analytics.publish import publish_flows
    from crossroads.analytics.sources import events_from_crossings, rules_from_db

    progress = progress or NullProgress()
    day = parse_day(as_of)
    source: Any = events
    if events is None:
        progress.start(None, _("Reading the recorded crossings"))  # type: ignore[arg-type]
        source = events_from_crossings(current_actor().authenticated_user)
    rule_table = default_rules() if rules == "synthetic" else rules_from_db(day)
    progress.start(10, _("Running the border-flow pipelines on %(engine)s") % {"engine": engine})
    result = run_flows(source, rule_table, engine=engine, as_of=day,
                       on_step=lambda step: progress.advance(1, step))
    summary = summarise(result)
    if publish and result.events:  # no crossings: nothing to publish, no empty release
        summary["published"] = publish_flows(result, progress).as_dict()
    return summary


def parse_day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(_("The as-of date %(value)r is not a date (YYYY-MM-DD).")
                         % {"value": value}) from None


def summarise(result: FlowResult) -> dict[str, Any]:
    """What a run found, in numbers (the job's result and the command's report)."""
    flows, overstays = result.tables["flows"], result.tables["overstays"]
    return {
        "engine": result.engine, "events": result.events, "as_of": str(result.as_of),
        "period": [str(result.first_day), str(result.last_day)],
        "entries": total(flows, "crossings", movement="entry"),
        "exits": total(flows, "crossings", movement="exit"),
        "exits_without_entry": total(result.tables["unpaired"], "crossings",
                                     problem="exit_without_entry"),
        "entries_without_exit": total(result.tables["unpaired"], "crossings",
                                      problem="entry_without_exit"),
        "open_stays": total(result.tables["stay_lengths"], "stays", is_open=True),
        "stays": total(result.tables["stay_lengths"], "stays"),
        "stays_overstayed": total(overstays, "stays_overstayed"),
        "overstayers": result.tables["overstayers"].num_rows,
        "overstaying_now": total(overstays, "overstaying_now"),
        "seconds": {name: round(result.seconds[name], 3) for name in result.seconds
                    if name in RESULTS or name in ("paired", "stays", "assessed")},
    }

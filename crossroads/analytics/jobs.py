"""Jobs of the analytics app: the border-flow pipelines run in the worker, with progress."""

from __future__ import annotations

from typing import Any

from crossroads.core.jobs import Progress, register_job


@register_job("analytics.border_flows")
def border_flows_job(progress: Progress, *, events: str | None = None, engine: str = "duckdb",
                     as_of: str | None = None, publish: bool = True,
                     rules: str = "database") -> Any:
    """Run the border-flow pipelines over a Parquet file (default: the recorded crossings)
    and publish monthly entries and exits into the evidence base."""
    from crossroads.analytics.runs import run_and_publish

    return run_and_publish(progress, events=events, engine=engine, as_of=as_of, publish=publish,
                           rules=rules)

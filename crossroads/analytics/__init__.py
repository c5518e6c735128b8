"""Analytics: pipelines that turn operational records into statistics.

Pipelines are SQL written once (in DuckDB's dialect) and run by an engine backend:
DuckDB, embedded, by default; Spark (the optional ``spark`` extra) when one machine
is not enough. See :mod:`crossroads.analytics.backends` and
:mod:`crossroads.analytics.flows`.
"""

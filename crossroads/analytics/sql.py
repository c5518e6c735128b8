"""The border-flow pipelines' SQL, in DuckDB's dialect (transpiled for Spark).

Tables read: ``events`` (:data:`schema.EVENT_SCHEMA`), ``stay_rules``
(:data:`schema.RULE_SCHEMA`) and ``pipeline_params`` (one row: ``as_of`` date and
``as_of_day``, days since 1970-01-01). Days are counted as whole numbers (days since
1970-01-01) so that date arithmetic is plain integer arithmetic on every engine.

Conventions are those of :mod:`crossroads.borders.stays` and
``borders.stay_rules.services.pair_crossings``: an entry is paired with the next
crossing of the same person at the same country's border if that is an exit; an entry
followed by another entry counts as one day (the exit was not recorded); an exit with
no entry before it is reported and not counted; a stay that starts on the day the one
before ended joins it (a day is counted once); the days of entry and of exit both count.
"""

from __future__ import annotations

from crossroads.analytics.schema import AGE_GROUPS, STAY_BINS, UNKNOWN_AGE

EPOCH = "DATE '1970-01-01'"


def age_group_case(age: str) -> str:
    """A CASE expression putting ``age`` (years) into :data:`AGE_GROUPS`."""
    arms = " ".join(f"WHEN {age} <= {last} THEN '{code}'" for code, _first, last in AGE_GROUPS
                    if last is not None)
    return (f"CASE WHEN {age} IS NULL OR {age} < 0 THEN '{UNKNOWN_AGE}' {arms} "
            f"ELSE '{AGE_GROUPS[-1][0]}' END")


def stay_bin_case(length: str) -> str:
    """A CASE expression putting a stay length (days) into :data:`STAY_BINS`."""
    arms = " ".join(f"WHEN {length} <= {last} THEN '{code}'" for code, _first, last in STAY_BINS
                    if last is not None)
    return f"CASE {arms} ELSE '{STAY_BINS[-1][0]}' END"


#: 1. Entries and exits per month, country, nationality, crossing point, sex, age group.
FLOWS = f"""
SELECT CAST(date_trunc('month', e.crossed_at) AS DATE) AS month, e.country, e.nationality,
       e.point, e.sex, {age_group_case("year(e.crossed_at) - e.birth_year")} AS age_group,
       e.movement, COUNT(*) AS crossings
FROM events e CROSS JOIN pipeline_params p
WHERE e.movement IN ('entry', 'exit') AND CAST(e.crossed_at AS DATE) <= p.as_of
GROUP BY month, e.country, e.nationality, e.point, e.sex, age_group, e.movement
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: 4. Net flows per month, country and nationality: entries minus exits.
NET_FLOWS = """
SELECT month, country, nationality,
       SUM(CASE WHEN movement = 'entry' THEN crossings ELSE 0 END) AS entries,
       SUM(CASE WHEN movement = 'exit' THEN crossings ELSE 0 END) AS exits,
       SUM(CASE WHEN movement = 'entry' THEN crossings ELSE -crossings END) AS net
FROM flows
GROUP BY month, country, nationality
"""

#: Entries and exits in time order, each with the crossing before and after it.
PAIRED = f"""
WITH presence AS (
    SELECT e.person_id, e.country, e.event_id, e.crossed_at, e.movement = 'entry' AS is_entry,
           date_diff('day', {EPOCH}, CAST(e.crossed_at AS DATE)) AS day,
           e.nationality, NULLIF(e.permit_kind, '') AS permit_kind,
           date_diff('day', {EPOCH}, e.permit_valid_until) AS valid_until_day
    FROM events e CROSS JOIN pipeline_params p
    WHERE e.movement IN ('entry', 'exit') AND CAST(e.crossed_at AS DATE) <= p.as_of
)
SELECT person_id, country, is_entry, day, nationality, permit_kind, valid_until_day,
       LEAD(is_entry) OVER w AS next_is_entry, LEAD(day) OVER w AS next_day,
       LAG(is_entry) OVER w AS previous_is_entry, ROW_NUMBER() OVER w AS seq
FROM presence
WINDOW w AS (PARTITION BY person_id, country ORDER BY crossed_at, event_id)
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: Stays: entries paired with the next exit, touching stays joined (one row each), with
#: the days of presence up to the end of each stay (``cum_after``) and the end of the
#: stay before (``previous_end``), which the rolling rule needs.
STAYS = """
WITH raw AS (
    SELECT d.person_id, d.country, d.seq, d.day AS entry_day, d.nationality,
           d.permit_kind, d.valid_until_day,
           CASE WHEN d.next_is_entry IS NULL THEN NULL WHEN d.next_is_entry THEN d.day
                ELSE d.next_day END AS exit_day, p.as_of_day
    FROM paired d CROSS JOIN pipeline_params p WHERE d.is_entry
), marked AS (
    SELECT *, LAG(exit_day) OVER w AS previous_exit, LEAD(entry_day) OVER w AS next_entry
    FROM raw
    WINDOW w AS (PARTITION BY person_id, country ORDER BY seq)
), counted AS (
    -- A stay joined to the one before adds only its days after that one's last day.
    SELECT *, previous_exit IS NOT NULL AND entry_day <= previous_exit AS joins_previous,
           exit_day IS NULL OR next_entry IS NULL OR next_entry > exit_day AS ends_stay,
           COALESCE(exit_day, as_of_day) - GREATEST(entry_day, COALESCE(previous_exit + 1,
                                                                        entry_day)) + 1 AS added
    FROM marked
), running AS (
    -- Entries and exits only grow in time, so a running MAX carries the first entry of
    -- the stay (and the end of the stay before it) to the stay's last row.
    SELECT *, SUM(added) OVER w AS cum_after,
           MAX(CASE WHEN NOT joins_previous THEN entry_day END) OVER w AS stay_entry,
           MAX(CASE WHEN NOT joins_previous THEN previous_exit END) OVER w AS previous_end,
           SUM(CASE WHEN joins_previous THEN 0 ELSE 1 END) OVER w AS stay_no
    FROM counted
    WINDOW w AS (PARTITION BY person_id, country ORDER BY seq
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT person_id, country, stay_no, stay_entry AS entry_day, exit_day, previous_end,
       cum_after, nationality, permit_kind, valid_until_day,
       COALESCE(exit_day, as_of_day) AS end_day,
       COALESCE(exit_day, as_of_day) - stay_entry + 1 AS length, exit_day IS NULL AS is_open
FROM running
WHERE ends_stay
"""

#: Exits with no entry before them, and entries followed by another entry, per month.
UNPAIRED = f"""
SELECT CAST(date_trunc('month', {EPOCH} + CAST(day AS INTEGER)) AS DATE) AS month, country,
       nationality,
       CASE WHEN is_entry THEN 'entry_without_exit' ELSE 'exit_without_entry' END AS problem,
       COUNT(*) AS crossings
FROM paired
WHERE (NOT is_entry AND (previous_is_entry IS NULL OR NOT previous_is_entry))
   OR (is_entry AND next_is_entry)
GROUP BY month, country, nationality, problem
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: 2. Stay lengths in bins, per country and nationality; open stays counted to the as-of date.
STAY_LENGTHS = f"""
SELECT country, nationality, {stay_bin_case("length")} AS length_bin, is_open,
       COUNT(*) AS stays, SUM(length) AS days
FROM stays
GROUP BY country, nationality, length_bin, is_open
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: Each stay with the most specific rule of its country that matches its last entry.
RULED = """
WITH rules AS (
    SELECT rule_id, country, nationality, permit_kind, kind, days, "window" AS window_days
    FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY country, nationality, permit_kind
                                         ORDER BY rule_id) AS rule_rank
          FROM stay_rules r) ranked
    WHERE rule_rank = 1
), chosen AS (
    SELECT s.*, COALESCE(r1.rule_id, r2.rule_id, r3.rule_id, r4.rule_id) AS rule_id
    FROM stays s
    LEFT JOIN rules r1 ON r1.country = s.country AND r1.nationality = s.nationality
                      AND r1.permit_kind = s.permit_kind
    LEFT JOIN rules r2 ON r2.country = s.country AND r2.nationality = s.nationality
                      AND r2.permit_kind IS NULL
    LEFT JOIN rules r3 ON r3.country = s.country AND r3.nationality IS NULL
                      AND r3.permit_kind = s.permit_kind
    LEFT JOIN rules r4 ON r4.country = s.country AND r4.nationality IS NULL
                      AND r4.permit_kind IS NULL
)
SELECT c.*, r.kind, r.days, r.window_days, c.end_day - r.window_days AS window_start,
       -- The stay before reaches into the window: the days before it must be looked up.
       r.kind = 'rolling' AND c.previous_end > c.end_day - r.window_days AS looks_back
FROM chosen c LEFT JOIN rules r ON r.rule_id = c.rule_id
"""

#: Under a rolling rule (``days`` in any ``window``) the days used on day ``b`` are
#: C(b) - C(b - window), C(t) being the days of presence up to day t. C is piecewise
#: linear over the person's ordered stays, so C(b - window) is read from the last stay
#: that began on or before b - window: its cumulative days before it, plus the part of
#: it up to that day. That lookup is a running MAX over one time line holding the stays
#: and the lookup points, sorted once (no self-join); it is needed only where the stay
#: before reaches into the window (otherwise every day before the window is before this
#: stay). The days used only grow while present, so their maximum is reached at the end
#: of a stay: assessing each stay on its last day finds every overstay.
LOOKUPS = """
WITH timeline AS (
    SELECT person_id, country, entry_day AS at_day, 0 AS tag, NULL AS stay_no,
           entry_day AS k_entry, cum_after - length AS k_before, cum_after AS k_after
    FROM ruled
    WHERE (person_id, country) IN (SELECT person_id, country FROM ruled WHERE looks_back)
    UNION ALL
    SELECT person_id, country, window_start, 1, stay_no, NULL, NULL, NULL
    FROM ruled WHERE looks_back
), looked_up AS (
    SELECT person_id, country, stay_no, tag, at_day, MAX(k_entry) OVER w AS last_entry,
           MAX(k_before) OVER w AS last_before, MAX(k_after) OVER w AS last_after
    FROM timeline
    WINDOW w AS (PARTITION BY person_id, country ORDER BY at_day, tag
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT person_id, country, stay_no,
       CASE WHEN last_entry IS NULL THEN 0
            ELSE LEAST(last_after, last_before + at_day - last_entry + 1) END AS days_before
FROM looked_up WHERE tag = 1
"""

#: 3. Each stay assessed on its last day (exit, or the as-of date while open).
ASSESSED = f"""
WITH ruled AS ({RULED}), lookups AS ({LOOKUPS}), used AS (
    SELECT r.*, CASE
        WHEN r.kind = 'per_entry' THEN r.length
        WHEN r.kind = 'rolling' AND r.looks_back THEN r.cum_after - l.days_before
        -- Nothing before this stay is in the window: its own days in it.
        WHEN r.kind = 'rolling' THEN LEAST(r.length, r.window_days) END AS days_used
    FROM ruled r
    LEFT JOIN lookups l ON r.looks_back AND l.person_id = r.person_id
                       AND l.country = r.country AND l.stay_no = r.stay_no
)
SELECT person_id, country, nationality, permit_kind, entry_day, exit_day, end_day, length,
       is_open, rule_id, kind, days, window_days, days_used,
       CASE WHEN kind IN ('rolling', 'per_entry') THEN GREATEST(0, days_used - days)
            WHEN kind = 'validity' THEN GREATEST(0, end_day - valid_until_day)
            WHEN kind = 'unlimited' THEN 0 END AS overstay_days
FROM used
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: Overstays per country, nationality and kind of rule.
OVERSTAYS = """
SELECT country, nationality, kind, COUNT(*) AS stays,
       SUM(CASE WHEN overstay_days > 0 THEN 1 ELSE 0 END) AS stays_overstayed,
       COUNT(DISTINCT CASE WHEN overstay_days > 0 THEN person_id END) AS persons_overstayed,
       SUM(CASE WHEN overstay_days > 0 AND is_open THEN 1 ELSE 0 END) AS overstaying_now,
       SUM(CASE WHEN overstay_days IS NULL THEN 1 ELSE 0 END) AS not_assessed
FROM assessed
GROUP BY country, nationality, kind
"""

#: Travellers who overstayed in a country: the longest overstay, and whether it goes on.
OVERSTAYERS = f"""
SELECT person_id, country, arg_max(nationality, end_day) AS nationality,
       MAX(overstay_days) AS overstay_days,
       MAX(CASE WHEN is_open THEN overstay_days ELSE 0 END) AS overstay_days_now,
       {EPOCH} + CAST(MAX(end_day) AS INTEGER) AS last_day
FROM assessed
WHERE overstay_days > 0
GROUP BY person_id, country
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

#: Each stay as dates (for lists and for comparing with the reference arithmetic).
ASSESSMENTS = f"""
SELECT person_id, country, nationality, {EPOCH} + CAST(entry_day AS INTEGER) AS entry,
       {EPOCH} + CAST(exit_day AS INTEGER) AS exit, is_open, rule_id, kind, days,
       window_days, days_used, overstay_days
FROM assessed
"""  # noqa: S608  (constant fragments: no input is pasted into the SQL)

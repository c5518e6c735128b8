"""What watchlists offer the demo roles: border roles only.

Border officers see the lists, the entries of their country's lists and of regional
lists, and the alerts their organisation raised; they decide open alerts. The border
supervisor also decides escalated ones. Analysts and other roles see nothing here.
"""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

BORDER = ("border-officer", "border-supervisor")
#: Entries of the lists of the user's country, and of regional lists.
OWN_COUNTRY_OR_REGIONAL = [{"watchlist__country": "$user.organisation.country"},
                           {"watchlist__country__isnull": True}]
OWN_ORGANISATION = {"organisation": "$user.organisation"}

offer("watchlists-lists-view", DemoPermission(
    "Watchlists: view", ("watchlists.watchlist",), ("view",)), BORDER)
offer("watchlists-lists-manage", DemoPermission(
    "Watchlists: manage those of own organisation", ("watchlists.watchlist",),
    ("add", "change", "delete"), OWN_ORGANISATION), ("border-supervisor",))
offer("watchlists-entries-view", DemoPermission(
    "Watchlist entries: view those of own country and regional lists",
    ("watchlists.watchlistentry",), ("view",), OWN_COUNTRY_OR_REGIONAL), BORDER)
offer("watchlists-entries-manage", DemoPermission(
    "Watchlist entries: manage on lists of own organisation", ("watchlists.watchlistentry",),
    ("add", "change", "delete"), {"watchlist__organisation": "$user.organisation"}),
    ("border-supervisor",))
offer("watchlists-alerts-view", DemoPermission(
    "Alerts: view those raised by own organisation", ("watchlists.alert",), ("view",),
    OWN_ORGANISATION), BORDER)
offer("watchlists-alerts-decide-open", DemoPermission(
    "Alerts: decide open alerts of own organisation", ("watchlists.alert",), ("change",),
    {"organisation": "$user.organisation", "status": "open"}), ("border-officer",))
offer("watchlists-alerts-decide-all", DemoPermission(
    "Alerts: decide open and escalated alerts of own organisation", ("watchlists.alert",),
    ("change",), OWN_ORGANISATION), ("border-supervisor",))

"""What border management offers the demo roles."""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

offer("borders-points-view", DemoPermission(
    "Border crossing points: view", ("borders.bordercrossingpoint",), ("view",)),
    ("border-officer", "emergency-officer", "analyst", "programme-manager", "administrator"))
offer("borders-points-manage", DemoPermission(
    "Border crossing points: manage in own country", ("borders.bordercrossingpoint",),
    ("add", "change", "delete"), {"country": "$user.organisation.country"}),
    ("border-officer",))

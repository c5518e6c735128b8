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
offer("borders-stay-rules-view", DemoPermission(
    "Stay rules: view", ("borders.stayrule",), ("view",)),
    ("border-officer", "emergency-officer", "analyst", "programme-manager", "administrator"))
offer("borders-stay-rules-manage", DemoPermission(
    "Stay rules: manage in own country", ("borders.stayrule",),
    ("add", "change", "delete"), {"country": "$user.organisation.country"}),
    ("border-officer",))
offer("borders-crossings-view", DemoPermission(
    "Crossings: view those at points of own country", ("borders.crossing",), ("view",),
    {"point__country": "$user.organisation.country"}), ("border-officer",))
offer("borders-crossings-record", DemoPermission(
    "Crossings: record at points of own country", ("borders.crossing",), ("add",),
    {"point__country": "$user.organisation.country"}), ("border-officer",))

# Emergency mode (humanitarian border management). Officers run operations and register
# arrivals at points of their own country; the organisation a person is referred to
# sees that person's arrival and referral, and decides on the referral.
EMERGENCY_TEAMS = ("border-officer", "emergency-officer")
OWN_POINTS = "$user.organisation.country"
offer("borders-emergency-operations-view", DemoPermission(
    "Emergency operations and their counts: view", ("borders.emergencyoperation",), ("view",)),
    (*EMERGENCY_TEAMS, "programme-manager", "analyst", "administrator"))
offer("borders-emergency-operations-run", DemoPermission(
    "Emergency operations: start and end at points of own country",
    ("borders.emergencyoperation",), ("add", "change"), {"point__country": OWN_POINTS}),
    EMERGENCY_TEAMS)
offer("borders-emergency-groups", DemoPermission(
    "Arriving groups: register and view at points of own country", ("borders.arrivalgroup",),
    ("view", "add", "change"), {"operation__point__country": OWN_POINTS}), EMERGENCY_TEAMS)
offer("borders-emergency-arrivals", DemoPermission(
    "Arrivals: register, flag and view at points of own country", ("borders.arrival",),
    ("view", "add", "change"), {"group__operation__point__country": OWN_POINTS}),
    EMERGENCY_TEAMS)
offer("borders-emergency-referrals", DemoPermission(
    "Emergency referrals: refer and view at points of own country",
    ("borders.emergencyreferral",), ("view", "add"),
    {"arrival__group__operation__point__country": OWN_POINTS}), EMERGENCY_TEAMS)
offer("borders-emergency-referred-arrivals", DemoPermission(
    "Arrivals: view those referred to own organisation", ("borders.arrival",), ("view",),
    {"referrals__to_organisation": "$user.organisation"}), ("case-worker",))
offer("borders-emergency-referrals-received", DemoPermission(
    "Emergency referrals: view and decide those sent to own organisation",
    ("borders.emergencyreferral",), ("view", "change"),
    {"to_organisation": "$user.organisation"}), ("case-worker",))

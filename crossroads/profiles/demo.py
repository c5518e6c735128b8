"""What migration profiles offer the demo roles.

Everyone may read profiles; analysts (regional office) and statisticians (a
government) write the profiles of their own organisation; programme managers review
and approve them.
"""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

EVERY_ROLE = ("analyst", "statistician", "border-officer", "case-worker", "health-officer",
              "labour-officer", "emergency-officer", "programme-manager", "administrator")
OWN_ORGANISATION = {"organisation": "$user.organisation"}

offer("profiles-view", DemoPermission(
    "Migration profiles: view", ("profiles.profile", "profiles.profilereview"), ("view",)),
    EVERY_ROLE)
offer("profiles-write", DemoPermission(
    "Migration profiles: write own organisation's", ("profiles.profile",),
    ("add", "change", "delete"), OWN_ORGANISATION),
    ("analyst", "statistician"))
offer("profiles-comment", DemoPermission(
    "Migration profiles: comment", ("profiles.profilereview",), ("add",),
    {"reviewer": "$user"}),
    ("analyst", "statistician", "programme-manager"))
offer("profiles-approve", DemoPermission(
    "Migration profiles: review and approve", ("profiles.profile",), ("approve",)),
    ("programme-manager", "administrator"))

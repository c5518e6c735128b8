"""What the evidence base offers the demo roles."""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

MODELS = ("evidence.datasource", "evidence.release", "evidence.releasefile",
          "evidence.indicator", "evidence.area", "evidence.areaalias")
EVERY_ROLE = ("analyst", "statistician", "border-officer", "case-worker", "health-officer",
              "labour-officer", "emergency-officer", "programme-manager", "administrator",
              "referral-focal-point", "protection-data-manager")

offer("evidence-view", DemoPermission(
    "Evidence base: view", (*MODELS, "evidence.observation"), ("view",)), EVERY_ROLE)
offer("evidence-import", DemoPermission(
    "Evidence base: import statistics", ("evidence.observation",), ("add",)),
    ("analyst", "statistician", "administrator"))
offer("evidence-manage", DemoPermission(
    "Evidence base: manage sources, indicators and the crosswalk", MODELS,
    ("add", "change", "delete")), ("analyst", "administrator"))
offer("evidence-microdata", DemoPermission(
    "Evidence base: figures from case records before disclosure control",
    ("evidence.observation",), ("view_microdata",)), ("administrator",))

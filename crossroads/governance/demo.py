"""What the governance register offers the demo roles."""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

MODELS = ("governance.policy", "governance.law", "governance.lawreview",
          "governance.internationalinstrument", "governance.instrumentstatus",
          "governance.institution", "governance.coordinationmechanism", "governance.meeting",
          "governance.assessmentindicator", "governance.selfassessment",
          "governance.assessmentscore")
EVERY_ROLE = ("analyst", "statistician", "border-officer", "case-worker", "health-officer",
              "labour-officer", "emergency-officer", "programme-manager", "administrator")

offer("governance-view", DemoPermission("Governance register: view", MODELS, ("view",)),
      EVERY_ROLE)
offer("governance-manage", DemoPermission(
    "Governance register: manage", MODELS, ("add", "change", "delete")),
    ("analyst", "programme-manager", "administrator"))

"""What protection offers the demo roles.

A case worker sees and works on the cases of their organisation assigned to them; a case
supervisor sees all cases of their organisation, decides approvals and may override a
missing consent (the custom action ``override_consent`` on Case). Nobody else sees a case.
"""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

CASE_MODELS = ("protection.casestatuschange", "protection.caseperson", "protection.task",
               "protection.casenote", "protection.casedocument",
               "protection.vulnerabilityscreening", "protection.bestinterests",
               "protection.consent", "protection.consentoverride")
#: Approvals: case workers ask (through the workflow) and see them; supervisors decide.
APPROVALS = ("protection.approval",)
OWN_ASSIGNED = {"organisation": "$user.organisation", "case_worker": "$user"}
OWN_ASSIGNED_CHILD = {"case__organisation": "$user.organisation", "case__case_worker": "$user"}
OWN_ORGANISATION = {"organisation": "$user.organisation"}
OWN_ORGANISATION_CHILD = {"case__organisation": "$user.organisation"}
WORK = ("view", "add", "change")
#: Counting cases (the caseload page): a custom action, also held by viewers of aggregates.
AGGREGATE = "aggregate"

offer("protection-cases-assigned", DemoPermission(
    "Protection cases: work on those assigned to me", ("protection.case",), (*WORK, AGGREGATE),
    OWN_ASSIGNED), ("case-worker",))
offer("protection-case-records-assigned", DemoPermission(
    "Protection case records: work on those of cases assigned to me", CASE_MODELS, WORK,
    OWN_ASSIGNED_CHILD), ("case-worker",))
offer("protection-approvals-assigned", DemoPermission(
    "Protection approvals: see those of cases assigned to me", APPROVALS, ("view",),
    OWN_ASSIGNED_CHILD), ("case-worker",))
offer("protection-cases-organisation", DemoPermission(
    "Protection cases: supervise those of own organisation", ("protection.case",),
    (*WORK, "override_consent", AGGREGATE), OWN_ORGANISATION), ("case-supervisor",))
offer("protection-case-records-organisation", DemoPermission(
    "Protection case records: supervise those of own organisation", (*CASE_MODELS, *APPROVALS),
    WORK, OWN_ORGANISATION_CHILD), ("case-supervisor",))

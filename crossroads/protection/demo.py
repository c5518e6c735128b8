"""What protection offers the demo roles.

- A case worker sees and works on the cases of their organisation assigned to them, and
  consults the directory of service providers.
- A case supervisor sees all cases of their organisation, decides approvals, may override
  a missing consent (the custom action ``override_consent`` on Case) and keeps the
  organisation's entries in the directory.
- A referral focal point sees and answers the referrals and case transfers addressed to
  their organisation, never the cases themselves, and keeps the organisation's entries in
  the directory.
- A protection data manager counts the cases of their organisation, exports their data
  encrypted (``export``), releases anonymous counter-trafficking data (``release``) and
  keeps the retention rules.
- A viewer of aggregates (the programme manager) sees counts only (``aggregate``).

Nobody else sees a case.
"""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

CASE_MODELS = ("protection.casestatuschange", "protection.caseperson", "protection.task",
               "protection.casenote", "protection.casedocument",
               "protection.vulnerabilityscreening", "protection.bestinterests",
               "protection.consent", "protection.consentoverride", "protection.referral",
               "protection.casetransfer", "protection.traffickingprofile",
               "protection.returnapplication", "protection.travelarrangement",
               "protection.reintegrationplan", "protection.reintegrationassistance",
               "protection.monitoringvisit")
DIRECTORY = ("protection.serviceprovider", "protection.serviceoffer")
#: Approvals: case workers ask (through the workflow) and see them; supervisors decide.
APPROVALS = ("protection.approval",)
OWN_ASSIGNED = {"organisation": "$user.organisation", "case_worker": "$user"}
OWN_ASSIGNED_CHILD = {"case__organisation": "$user.organisation", "case__case_worker": "$user"}
OWN_ORGANISATION = {"organisation": "$user.organisation"}
OWN_ORGANISATION_CHILD = {"case__organisation": "$user.organisation"}
WORK = ("view", "add", "change")
#: Counting cases (the caseload page): a custom action, also held by viewers of aggregates.
AGGREGATE = "aggregate"
#: Exporting case data (encrypted) and releasing anonymous data: custom actions on Case.
EXPORT = "export"
RELEASE = "release"
RECEIVED_REFERRALS = {"receiving_organisation": "$user.organisation"}
RECEIVED_TRANSFERS = {"to_organisation": "$user.organisation"}

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
offer("protection-directory-view", DemoPermission(
    "Service providers: consult the directory", DIRECTORY, ("view",)),
    ("case-worker", "referral-focal-point", "protection-data-manager"))
offer("protection-directory-organisation", DemoPermission(
    "Service providers: keep own organisation's entries", ("protection.serviceprovider",),
    ("add", "change"), OWN_ORGANISATION), ("case-supervisor", "referral-focal-point"))
offer("protection-directory-offers-organisation", DemoPermission(
    "Services offered: keep own organisation's entries", ("protection.serviceoffer",),
    ("add", "change", "delete"), {"provider__organisation": "$user.organisation"}),
    ("case-supervisor", "referral-focal-point"))
offer("protection-referrals-received", DemoPermission(
    "Referrals: see and answer those addressed to own organisation", ("protection.referral",),
    ("view", "change"), RECEIVED_REFERRALS), ("referral-focal-point",))
offer("protection-transfers-received", DemoPermission(
    "Case transfers: see and answer those addressed to own organisation",
    ("protection.casetransfer",), ("view", "change"), RECEIVED_TRANSFERS),
    ("referral-focal-point",))
offer("protection-data-organisation", DemoPermission(
    "Protection data: count, export encrypted and release anonymised, own organisation",
    ("protection.case",), (AGGREGATE, EXPORT, RELEASE), OWN_ORGANISATION),
    ("protection-data-manager",))
offer("protection-retention", DemoPermission(
    "Retention rules: keep them", ("protection.retentionrule",), ("view", "add", "change")),
    ("protection-data-manager",))
offer("protection-aggregates", DemoPermission(
    "Protection cases: counts only, every organisation", ("protection.case",), (AGGREGATE,)),
    ("programme-manager",))

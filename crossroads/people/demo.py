"""What the people register offers the demo roles.

Persons are personal data: every role that registers or finds persons sees only those
registered by its own organisation or cited by its organisation's records; data
managers (the analyst here) review possible duplicates and merge.
"""

from __future__ import annotations

from crossroads.core.demo import DemoPermission, offer

PERSON_MODELS = ("people.person", "people.personname", "people.nationality",
                 "people.identitydocument")
OPERATIONAL = ("border-officer", "case-worker", "health-officer", "emergency-officer",
               "analyst")
#: Persons registered by, or cited by records of, the user's organisation.
OWN_OR_CITED = [{"organisation": "$user.organisation"},
                {"links__organisation": "$user.organisation"}]
#: Names, documents and nationalities of those persons.
THEIRS = [{"person__organisation": "$user.organisation"},
          {"person__links__organisation": "$user.organisation"}]

offer("people-persons-view", DemoPermission(
    "Persons: view those of own organisation", ("people.person",), ("view",), OWN_OR_CITED),
    OPERATIONAL)
offer("people-details-view", DemoPermission(
    "Persons' names, documents and nationalities: view those of own organisation",
    PERSON_MODELS[1:] + ("people.personlink",), ("view",), THEIRS), OPERATIONAL)
offer("people-persons-manage", DemoPermission(
    "Persons: register and correct for own organisation", ("people.person",),
    ("add", "change"), {"organisation": "$user.organisation"}), OPERATIONAL)
offer("people-details-manage", DemoPermission(
    "Persons' names, documents and nationalities: manage for own organisation",
    PERSON_MODELS[1:], ("add", "change", "delete"), {"person__organisation": "$user.organisation"}),
    OPERATIONAL)
offer("people-duplicates", DemoPermission(
    "Possible duplicates and merges: review", ("people.matchpair", "people.merge"),
    ("view", "change"), [{"left__organisation": "$user.organisation"}]),
    ("analyst", "border-officer"))

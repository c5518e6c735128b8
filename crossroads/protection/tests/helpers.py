"""A protection test base: a case worker, a supervisor and an outsider, with demo-like rights."""

from __future__ import annotations

from datetime import date
from typing import Any

from crossroads.people.models import Person
from crossroads.protection import demo
from crossroads.protection.choices import CasePersonRole, CaseType
from crossroads.protection.models import (
    Approval,
    BestInterests,
    Case,
    CaseDocument,
    CaseNote,
    CasePerson,
    CaseStatusChange,
    Consent,
    ConsentOverride,
    Task,
    VulnerabilityScreening,
)
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.models import User

CHILD_MODELS = (CaseStatusChange, CasePerson, Task, CaseNote, CaseDocument,
                VulnerabilityScreening, BestInterests, Consent, ConsentOverride)


class ProtectionTestCase(CrossroadsTestCase):
    """``owner`` is a case worker, ``colleague`` the supervisor of the same organisation,
    ``outsider`` a supervisor in another organisation; ``case`` is assigned to ``owner``."""

    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.grant_case_worker(cls.owner)
        cls.grant_supervisor(cls.colleague)
        cls.grant_supervisor(cls.outsider)
        cls.case = cls.make_case("MDA-2026-0001", worker=cls.owner)

    @classmethod
    def grant_case_worker(cls, user: User) -> None:
        cls.grant(user, Case, list(demo.WORK), demo.OWN_ASSIGNED)
        for model in CHILD_MODELS:
            cls.grant(user, model, list(demo.WORK), demo.OWN_ASSIGNED_CHILD)
        cls.grant(user, Approval, "view", demo.OWN_ASSIGNED_CHILD)

    @classmethod
    def grant_supervisor(cls, user: User) -> None:
        cls.grant(user, Case, [*demo.WORK, "override_consent", "aggregate"],
                  demo.OWN_ORGANISATION)
        for model in (*CHILD_MODELS, Approval):
            cls.grant(user, model, list(demo.WORK), demo.OWN_ORGANISATION_CHILD)

    @classmethod
    def make_case(cls, reference: str, *, worker: User | None = None, organisation: Any = None,
                  case_type: str = CaseType.VULNERABLE_MIGRANT) -> Case:
        return Case.objects.create(
            reference=reference, case_type=case_type,
            organisation=organisation or cls.organisation, case_worker=worker,
            supervisor=cls.colleague)

    @classmethod
    def add_principal(cls, case: Case, *, born: int | None = 1990, sex: str = "F") -> CasePerson:
        person = Person.objects.create(organisation=case.organisation, birth_year=born, sex=sex)
        return CasePerson.objects.create(case=case, person=person,
                                         role=CasePersonRole.PRINCIPAL)

    @staticmethod
    def person_of(case_person: CasePerson) -> Person:
        """The person behind ``case_person`` (a test fails if the case was anonymised)."""
        assert case_person.person is not None, "the case was anonymised"
        return case_person.person

    def reload(self, case: Case) -> Case:
        return Case.objects.get(pk=case.pk)

    @staticmethod
    def today() -> date:
        return date.today()

    # ── National Referral Mechanism (appended for the nrm tests) ─────────────────────────

    @classmethod
    def grant_referrals(cls, user: User, constraints: dict[str, Any]) -> None:
        """The referring side's rights on referrals and transfers (demo-like constraints)."""
        from crossroads.protection.models import CaseTransfer, Referral

        cls.grant(user, Referral, list(demo.WORK), constraints)
        cls.grant(user, CaseTransfer, list(demo.WORK), constraints)
        cls.grant_directory(user)

    @classmethod
    def grant_focal_point(cls, user: User) -> None:
        """A referral focal point: referrals and transfers addressed to their organisation."""
        from crossroads.protection.models import CaseTransfer, Referral

        cls.grant(user, Referral, ["view", "change"], demo.RECEIVED_REFERRALS)
        cls.grant(user, CaseTransfer, ["view", "change"], demo.RECEIVED_TRANSFERS)
        cls.grant_directory(user)

    @classmethod
    def grant_directory(cls, user: User) -> None:
        from crossroads.protection.models import ServiceOffer, ServiceProvider

        cls.grant(user, ServiceProvider, "view")
        cls.grant(user, ServiceOffer, "view")

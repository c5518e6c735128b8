"""Demo directory and referrals: eight invented service providers in Moldova, Ukraine and
Georgia, and three referrals from the Migrant Support NGO's demo cases to the shelter.

Names end in "(demo)": they are not real services. Both loaders are idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossroads.protection.choices import CasePersonRole, ConsentPurpose
from crossroads.protection.choices import Service as S
from crossroads.protection.models import Case, Consent, Referral, ServiceOffer, ServiceProvider
from crossroads.protection.nrm import referrals
from crossroads.reference.models import Country
from crossroads.users.models import Organisation, User

SHELTER = "Shelter for Victims of Trafficking, Chisinau (demo)"


@dataclass(frozen=True)
class DemoProvider:
    organisation: str
    name: str
    country: str
    locality: str
    phone: str
    offers: tuple[tuple[str, int | None], ...]


PROVIDERS = (
    DemoProvider("SHL-MDA", SHELTER, "MDA", "Chișinău", "+373 22 000 101",
                 ((S.SHELTER, 12), (S.PSYCHOSOCIAL, 12), (S.MEDICAL, None))),
    DemoProvider("NGO-MDA", "Migrant Support NGO legal clinic (demo)", "MDA", "Chișinău",
                 "+373 22 000 102", ((S.LEGAL, None), (S.PSYCHOSOCIAL, 20))),
    DemoProvider("CO-MDA", "Reintegration desk Moldova (demo)", "MDA", "Chișinău",
                 "+373 22 000 103", ((S.REINTEGRATION, 40), (S.EDUCATION, 15))),
    DemoProvider("MOL-MDA", "Vocational training centre Bălți (demo)", "MDA", "Bălți",
                 "+373 231 00 104", ((S.EDUCATION, 20),)),
    DemoProvider("CO-UKR", "Family tracing desk Odesa (demo)", "UKR", "Odesa",
                 "+380 48 000 105", ((S.FAMILY_TRACING, None),)),
    DemoProvider("CO-UKR", "Mobile medical team Odesa (demo)", "UKR", "Odesa",
                 "+380 48 000 106", ((S.MEDICAL, 30), (S.PSYCHOSOCIAL, 30))),
    DemoProvider("RO", "Reintegration counselling Tbilisi (demo)", "GEO", "Tbilisi",
                 "+995 32 000 107", ((S.REINTEGRATION, 25), (S.PSYCHOSOCIAL, 10))),
    DemoProvider("RO", "Women's shelter Batumi (demo)", "GEO", "Batumi", "+995 422 00 108",
                 ((S.SHELTER, 8),)),
)


@transaction.atomic
def load_demo_providers() -> int:
    """Create the demo providers that are missing (their organisation and country must
    exist); how many were created."""
    created = 0
    for demo in PROVIDERS:
        organisation = Organisation.objects.filter(acronym=demo.organisation).first()
        country = Country.objects.filter(iso3=demo.country).first()
        if organisation is None or country is None:
            continue
        provider, new = ServiceProvider.objects.get_or_create(
            organisation=organisation, name=demo.name,
            defaults={"country": country, "locality": demo.locality, "phone": demo.phone,
                      "hours": "Mon–Fri 9:00–18:00"})
        for service, capacity in demo.offers:
            ServiceOffer.objects.get_or_create(provider=provider, service=service,
                                               defaults={"capacity": capacity})
        created += new
    return created


@dataclass(frozen=True)
class DemoReferral:
    case: str
    service: str
    needs: str
    respond_in_days: int
    sent_days_ago: int


REFERRALS = (
    DemoReferral("NGO-MDA-2026-001", S.SHELTER, "A safe place while she gives evidence to "
                 "the police; she fears her former employer.", 3, 0),
    DemoReferral("NGO-MDA-2026-003", S.SHELTER, "Shelter for a mother and two children "
                 "until their onward transport is arranged.", -2, 5),
    DemoReferral("NGO-MDA-2026-002", S.PSYCHOSOCIAL, "Counselling in Russian for a boy "
                 "found alone at the bus station.", 4, 1),
)


def demo_referral(worker: User, provider: ServiceProvider, demo: DemoReferral) -> None:
    """One referral sent by the case worker, with the principal's consent recorded first."""
    case = Case.objects.get(reference=demo.case)
    principal = case.casepersons.get(role=CasePersonRole.PRINCIPAL)
    Consent.objects.create(case=case, case_person=principal, purpose=ConsentPurpose.REFERRAL,
                           organisation=provider.organisation, taken_by=worker)
    today = timezone.localdate()
    referral = referrals.create_referral(
        worker, principal, provider, demo.service, demo.needs, today,
        ["name", "sex", "birth_date", "language"], urgent=demo.respond_in_days < 0, send=True)
    # Dated as if sent earlier, so that one is overdue on the day the demo is loaded.
    Referral.objects.filter(pk=referral.pk).update(
        respond_by=today + timedelta(days=demo.respond_in_days),
        sent_at=timezone.now() - timedelta(days=demo.sent_days_ago))


@transaction.atomic
def load_demo_referrals() -> int:
    """Refer three demo cases to the demo shelter (nothing if done already); how many."""
    worker = User.objects.filter(username="case.worker").first()
    provider = ServiceProvider.objects.filter(name=SHELTER).first()
    references = [demo.case for demo in REFERRALS]
    if worker is None or provider is None \
            or Case.objects.filter(reference__in=references).count() < len(references) \
            or Referral.objects.filter(case__reference__in=references).exists():
        return 0
    for demo in REFERRALS:
        demo_referral(worker, provider, demo)
    return len(REFERRALS)

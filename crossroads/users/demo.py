"""Demo organisations, roles and users: one user per role, for trying Crossroads out.

Organisation names are descriptive placeholders marked "(demo)", not real bodies.
Roles hold the foundation's permissions; each domain app adds its own to the roles
when it is built.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from crossroads.core import demo
from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.reference import models as ref
from crossroads.reference.models import Country
from crossroads.users.models import ObjectPermission, Organisation, Role, User

REFERENCE_MODELS = [ref.Country, ref.Region, ref.AdminArea, ref.Office, ref.Partner,
                    ref.RegionalBody, ref.Membership, ref.StrategicFramework,
                    ref.StrategicObjective, ref.ThematicArea, ref.ThematicObjective,
                    ref.OperationalPrinciple, ref.Activity]
ALL = ["view", "add", "change", "delete"]


@dataclass(frozen=True)
class PermissionSpec:
    name: str
    models: tuple[Any, ...]
    actions: tuple[str, ...]
    constraints: Any = None


PERMISSIONS = {
    "reference-view": PermissionSpec("Reference data: view", tuple(REFERENCE_MODELS), ("view",)),
    "reference-manage": PermissionSpec("Reference data: manage", tuple(REFERENCE_MODELS),
                                       tuple(ALL)),
    "admin-areas-own-country": PermissionSpec(
        "Administrative areas: manage in own country", (ref.AdminArea,), tuple(ALL),
        {"country": "$user.organisation.country"}),
    "organisations-view": PermissionSpec("Organisations: view", (Organisation,), ("view",)),
    "colleagues-view": PermissionSpec("Users: view own organisation", (User,), ("view",),
                                      {"organisation": "$user.organisation"}),
    "administration": PermissionSpec(
        "Administration: users, roles, permissions, organisations",
        (User, Role, ObjectPermission, Organisation), tuple(ALL)),
    "changes-view": PermissionSpec("Change log: view all", (ObjectChange, Job), ("view",)),
    "audit-view": PermissionSpec("Audit log: view", (AuditEvent,), ("view",)),
}

BASE = ("reference-view", "organisations-view", "colleagues-view")

ROLES: list[tuple[str, str, list[str], tuple[str, ...], str]] = [
    ("analyst", "Regional analyst", ["TA1", "TA6"], (*BASE, "reference-manage"),
     "Analyses migration data across the region at the regional office."),
    ("statistician", "Government statistician", ["TA1"], (*BASE, "admin-areas-own-country"),
     "Produces and submits national migration statistics."),
    ("border-officer", "Border officer", ["TA5"], BASE,
     "Registers crossings and screens travellers at a border crossing point."),
    ("border-supervisor", "Border police supervisor", ["TA5"], BASE,
     "Supervises border officers; decides escalated watchlist alerts and keeps the lists."),
    ("case-worker", "Case worker", ["TA2"], BASE,
     "Assists and protects vulnerable migrants; manages cases and referrals."),
    ("case-supervisor", "Case supervisor", ["TA2"], BASE,
     "Supervises case workers; approves assessments, case plans and closures."),
    ("referral-focal-point", "Referral focal point", ["TA2"], BASE,
     "Receives referrals and case transfers for a service provider and answers them."),
    ("protection-data-manager", "Protection data manager", ["TA2"], BASE,
     "Keeps protection data: statistics, anonymised releases, encrypted exports, retention."),
    ("health-officer", "Migration health officer", ["TA4"], BASE,
     "Runs health assessments before departure, after arrival and on return."),
    ("labour-officer", "Labour migration officer", ["TA3"], BASE,
     "Works on ethical recruitment, remittances and diaspora engagement."),
    ("emergency-officer", "Emergency team member", ["TA6", "TA5"], BASE,
     "Tracks displacement and responds to crises."),
    ("programme-manager", "Programme manager", ["TA1", "TA2", "TA3", "TA4", "TA5", "TA6"], BASE,
     "Manages programmes and their results against the strategic framework."),
    ("administrator", "Administrator", [], (*BASE, "reference-manage", "administration",
                                            "changes-view", "audit-view"),
     "Manages users, organisations, roles and permissions; reviews the logs."),
]

#: A role that holds everything another role holds, and more (offered to it by the apps).
INHERITS = {"border-supervisor": "border-officer", "case-supervisor": "case-worker"}


def inherited(slug: str) -> list[str]:
    """The roles whose offered permissions ``slug`` also holds."""
    return [INHERITS[slug]] if slug in INHERITS else []


ORGANISATIONS = [
    ("Regional Office (demo)", "RO", "iom", "AUT"),
    ("Country Office Moldova (demo)", "CO-MDA", "iom", "MDA"),
    ("Country Office Ukraine (demo)", "CO-UKR", "iom", "UKR"),
    ("National Statistics Office of Moldova (demo)", "NSO-MDA", "government", "MDA"),
    ("Border Police of Moldova (demo)", "BP-MDA", "government", "MDA"),
    ("Ministry of Labour of Moldova (demo)", "MOL-MDA", "government", "MDA"),
    ("Migrant Support NGO, Chisinau (demo)", "NGO-MDA", "ngo", "MDA"),
    ("Shelter for Victims of Trafficking, Chisinau (demo)", "SHL-MDA", "ngo", "MDA"),
]

USERS = [  # username, organisation acronym, role slug
    ("analyst", "RO", "analyst"), ("statistician", "NSO-MDA", "statistician"),
    ("border.officer", "BP-MDA", "border-officer"),
    ("border.supervisor", "BP-MDA", "border-supervisor"), ("case.worker", "NGO-MDA", "case-worker"),
    ("case.supervisor", "NGO-MDA", "case-supervisor"),
    ("referral.focal", "SHL-MDA", "referral-focal-point"),
    ("data.manager", "NGO-MDA", "protection-data-manager"),
    ("health.officer", "CO-MDA", "health-officer"), ("labour.officer", "MOL-MDA", "labour-officer"),
    ("emergency.officer", "CO-UKR", "emergency-officer"),
    ("programme.manager", "RO", "programme-manager"), ("admin", "RO", "administrator"),
]


def credentials_file() -> Path:
    return Path(settings.VAR_DIR) / "demo_credentials.txt"


def stored_passwords() -> dict[str, str]:
    """Demo passwords made on an earlier run (so they stay the same between runs)."""
    path = credentials_file()
    if not path.exists():
        return {}
    pairs = (line.split("\t", 1) for line in path.read_text().splitlines() if "\t" in line)
    return dict(pairs)  # type: ignore[arg-type]


def save_passwords(passwords: dict[str, str]) -> None:
    path = credentials_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{u}\t{p}\n" for u, p in passwords.items()))
    path.chmod(0o600)


def ensure_permission(spec: PermissionSpec) -> ObjectPermission:
    permission, _ = ObjectPermission.objects.update_or_create(
        name=spec.name, defaults={"actions": list(spec.actions), "constraints": spec.constraints})
    permission.object_types.set(ContentType.objects.get_for_models(*spec.models).values())
    return permission


def offered_permissions() -> dict[str, PermissionSpec]:
    """The permissions domain apps offer to the demo roles (crossroads.core.demo)."""
    return {key: PermissionSpec(p.name, tuple(apps.get_model(label) for label in p.models),
                                p.actions, p.constraints)
            for key, p in demo.PERMISSIONS.items()}


def ensure_roles() -> dict[str, Role]:
    specs = {**PERMISSIONS, **offered_permissions()}
    permissions = {key: ensure_permission(spec) for key, spec in specs.items()}
    roles = {}
    for slug, name, areas, grants, description in ROLES:
        role, _ = Role.objects.update_or_create(
            slug=slug, defaults={"name": name, "thematic_areas": areas, "description": description})
        keys = [*grants, *demo.GRANTS.get(slug, [])]
        keys += [k for junior in inherited(slug) for k in demo.GRANTS.get(junior, [])
                 if k not in keys]
        role.permissions.set([permissions[key] for key in keys])
        roles[slug] = role
    return roles


def ensure_organisations() -> dict[str, Organisation]:
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in={o[3] for o in ORGANISATIONS})}
    found = {}
    for name, acronym, kind, iso3 in ORGANISATIONS:
        found[acronym], _ = Organisation.objects.update_or_create(
            name=name, defaults={"acronym": acronym, "kind": kind, "country": countries.get(iso3)})
    return found


@transaction.atomic
def load_demo() -> list[tuple[str, str, str, str]]:
    """Create (or refresh) demo organisations, roles and users; returns credentials rows."""
    with acting_as(None, channel="cli"):
        roles = ensure_roles()
        organisations = ensure_organisations()
        passwords = stored_passwords()
        rows = []
        for username, acronym, role_slug in USERS:
            password = passwords.get(username) or secrets.token_urlsafe(9)
            passwords[username] = password
            user, _ = User.objects.get_or_create(username=username)
            user.organisation = organisations[acronym]
            user.is_superuser = user.is_staff = username == "admin"
            user.set_password(password)
            user.save()
            user.roles.set([roles[role_slug]])
            rows.append((username, password, roles[role_slug].name, organisations[acronym].name))
    save_passwords(passwords)
    return rows

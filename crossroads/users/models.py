"""Organisations, users, roles, object permissions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.core.permissions import ACTIONS
from crossroads.core.querysets import RestrictedQuerySet
from crossroads.reference.models import Country
from crossroads.users.choices import OrganisationKind


class Organisation(CrossroadsModel):
    """A government ministry or agency, IOM office, UN agency or NGO whose staff use Crossroads."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="organisations", help_text=_("Empty for regional and international bodies."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="units",
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "acronym")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


def validate_actions(value: Any) -> None:
    """Actions must be a non-empty list of known action names (or custom ones)."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("List at least one action, e.g. [\"view\"]."))
    for action in value:
        if not isinstance(action, str) or not action.isidentifier():
            raise ValidationError(_("%(action)r is not an action name."), params={"action": action})


def validate_constraints(value: Any) -> None:
    """Constraints are empty, one filter dictionary, or a list of them."""
    if value in (None, {}, []):
        return
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, dict):
            raise ValidationError(_("Each constraint must be a dictionary of field lookups."))
        for key in item:
            if not isinstance(key, str) or not key.replace("__", "_").isidentifier():
                raise ValidationError(_("%(key)r is not a field lookup."), params={"key": key})


def constraint_items(value: Any) -> list[dict[str, Any]]:
    """Constraints as a list of filter dictionaries (empty when unconstrained)."""
    if not value:
        return []
    return value if isinstance(value, list) else [value]


def constraint_field_problems(models_: Any, constraints: Any) -> list[str]:
    """Lookups in ``constraints`` that some of ``models_`` cannot filter by.

    Checked when a permission is saved: a constraint naming a missing field would
    otherwise grant nothing at run time, silently.
    """
    from django.core.exceptions import FieldError
    from django.db.models.sql import Query

    problems = []
    for model in models_:
        for item in constraint_items(constraints):
            for key in item:
                try:
                    Query(model).solve_lookup_type(key)
                except FieldError:
                    problems.append(
                        gettext("%(key)s is not a field of %(model)s.")
                        % {"key": key, "model": model._meta.verbose_name}
                    )
    return problems


class ObjectPermission(CrossroadsModel):
    """Permission to perform actions on objects of some types, optionally constrained.

    Constraints are Django filter lookups (``{"organisation": "$user.organisation"}``);
    a list of dictionaries is OR-ed. ``$user`` tokens are resolved for each user.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    object_types = models.ManyToManyField(
        ContentType, verbose_name=_("object types"), related_name="+",
    )
    actions = models.JSONField(
        _("actions"), validators=[validate_actions],
        help_text=lazy(
            lambda: gettext("Any of %(actions)s, or a custom action.")
            % {"actions": ", ".join(ACTIONS)}, str,
        )(),
    )
    constraints = models.JSONField(
        _("constraints"), null=True, blank=True, validators=[validate_constraints],
        help_text=_("Filter lookups limiting which objects this applies to; empty means all."),
    )

    search_fields: ClassVar[tuple[str, ...]] = ("name", "description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("object permission")
        verbose_name_plural = _("object permissions")

    def __str__(self) -> str:
        return self.name

    def constraint_list(self) -> list[dict[str, Any]]:
        """Constraints as a list of filter dictionaries ([{}] means unconstrained)."""
        return constraint_items(self.constraints) or [{}]


class Role(CrossroadsModel):
    """A named bundle of object permissions (border officer, case worker, analyst…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    thematic_areas = models.JSONField(
        _("thematic areas"), default=list, blank=True,
        help_text=_("Codes of the thematic areas shown first on this role's home page."),
    )
    permissions = models.ManyToManyField(
        ObjectPermission, verbose_name=_("permissions"), related_name="roles", blank=True
    )

    search_fields: ClassVar[tuple[str, ...]] = ("name", "description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name


class CrossroadsUserManager(UserManager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    """User manager that can also ``restrict()``."""


class User(AbstractUser):
    """A person using Crossroads, member of one organisation, holding roles."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="members",
    )
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), related_name="users", blank=True)
    object_permissions = models.ManyToManyField(
        ObjectPermission, verbose_name=_("direct permissions"), related_name="users", blank=True
    )

    objects = CrossroadsUserManager()  # type: ignore[misc]

    search_fields: ClassVar[tuple[str, ...]] = ("username", "first_name", "last_name", "email")
    changelog_enabled: ClassVar[bool] = True
    changelog_exclude: ClassVar[tuple[str, ...]] = ("password", "last_login")

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("users:user", args=[self.pk])

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Asked of the backends even for superusers (Django would say yes to them outright),
        so that sensitive models need an explicit permission, as ``restrict()`` demands."""
        from django.contrib.auth.models import _user_has_perm  # type: ignore[attr-defined]

        return self.is_active and _user_has_perm(self, perm, obj)

    @property
    def country(self) -> Country | None:
        """The country of the user's organisation (for ``$user.country`` constraints)."""
        return self.organisation.country if self.organisation else None


def hash_token(key: str) -> str:
    """The stored digest of a token key; keys themselves are never stored."""
    return hashlib.sha256(key.encode()).hexdigest()


class TokenQuerySet(RestrictedQuerySet["Token"]):
    def active(self) -> TokenQuerySet:
        """Tokens that have not expired."""
        return self.filter(models.Q(expires__isnull=True) | models.Q(expires__gt=timezone.now()))


class Token(models.Model):
    """An API token. Only a digest is stored; the key is shown once, when created."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="tokens"
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    write_enabled = models.BooleanField(_("write enabled"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("users:token", args=[self.pk])

    @classmethod
    def issue(cls, user: User, **fields: Any) -> tuple[Token, str]:
        """Create a token for ``user``; returns it and its key (shown only now)."""
        key = secrets.token_hex(20)
        token = cls.objects.create(user=user, digest=hash_token(key), prefix=key[:8], **fields)
        return token, key

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

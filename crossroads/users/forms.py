"""Forms of users, organisations, roles, permissions and tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import password_validation
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.users import models as m


def crossroads_object_types() -> Any:
    """Content types of Crossroads' own models (the ones permissions can name)."""
    labels = {config.label for config in apps.get_app_configs()
              if config.name.startswith("crossroads.")}
    return ContentType.objects.filter(app_label__in=labels).order_by("app_label", "model")


class OrganisationForm(CrossroadsModelForm):
    class Meta:
        model = m.Organisation
        fields = ["name", "acronym", "kind", "country", "parent", "website", "is_active"]


class UserForm(CrossroadsModelForm):
    """Create or edit a user; a new password is checked against the password policy."""

    new_password = forms.CharField(
        label=_("New password"), required=False, widget=forms.PasswordInput(render_value=False),
        strip=False, help_text=password_validation.password_validators_help_text_html(),
    )

    class Meta:
        model = m.User
        fields = ["username", "first_name", "last_name", "email", "organisation", "roles",
                  "object_permissions", "is_active"]

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data.get("new_password", "")
        if not password and self.instance.pk is None:
            raise forms.ValidationError(_("A new user needs a password."))
        if password:
            password_validation.validate_password(password, self.instance)
        return password

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            user.set_password(self.cleaned_data["new_password"])
        if commit:
            user.save()
            self.save_m2m()
        return user


class RoleForm(CrossroadsModelForm):
    class Meta:
        model = m.Role
        fields = ["name", "slug", "description", "thematic_areas", "permissions"]


class ObjectPermissionForm(CrossroadsModelForm):
    class Meta:
        model = m.ObjectPermission
        fields = ["name", "description", "enabled", "object_types", "actions", "constraints"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_types"].queryset = crossroads_object_types()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        types = cleaned.get("object_types") or []
        problems = m.constraint_field_problems(
            [t.model_class() for t in types if t.model_class()], cleaned.get("constraints")
        )
        for problem in problems:
            self.add_error("constraints", problem)
        return cleaned


class TokenForm(CrossroadsModelForm):
    """Create a token for oneself; the key is shown once, after saving."""

    class Meta:
        model = m.Token
        fields = ["description", "write_enabled", "expires"]
        widgets = {"expires": forms.DateTimeInput(attrs={"type": "datetime-local"})}

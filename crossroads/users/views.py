"""Pages of users, organisations, roles, permissions and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from crossroads.core.permissions import ADD, can
from crossroads.core.views.generic import ObjectViews
from crossroads.users import filtersets, forms, tables
from crossroads.users import models as m


class OrganisationViews(ObjectViews):
    model = m.Organisation
    filterset = filtersets.OrganisationFilterSet
    table = tables.OrganisationTable
    form = forms.OrganisationForm


class UserViews(ObjectViews):
    model = m.User
    filterset = filtersets.UserFilterSet
    table = tables.UserTable
    form = forms.UserForm
    detail_fields = ("username", "first_name", "last_name", "email", "organisation", "is_active",
                     "last_login", "date_joined")


class RoleViews(ObjectViews):
    model = m.Role
    filterset = filtersets.RoleFilterSet
    table = tables.RoleTable
    form = forms.RoleForm


class ObjectPermissionViews(ObjectViews):
    model = m.ObjectPermission
    filterset = filtersets.ObjectPermissionFilterSet
    table = tables.ObjectPermissionTable
    form = forms.ObjectPermissionForm


class TokenViews(ObjectViews):
    model = m.Token
    filterset = filtersets.TokenFilterSet
    table = tables.TokenTable
    deletable = True
    detail_fields = ("prefix", "user", "description", "write_enabled", "created", "expires",
                     "last_used")


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    OrganisationViews, UserViews, RoleViews, ObjectPermissionViews, TokenViews,
)


def create_token(request: HttpRequest) -> HttpResponse:
    """Create an API token for oneself and show its key, once."""
    if not can(request.user, m.Token, ADD):
        raise PermissionDenied
    form = forms.TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        token, key = m.Token.issue(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        return render(request, "users/token_created.html", {"token": token, "key": key})
    status = 400 if request.method == "POST" else 200
    return render(request, "users/token_form.html", {"form": form}, status=status)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Change one's own password (checked against the password policy)."""

    template_name = "users/password_change.html"
    success_url = reverse_lazy("home")
    success_message = gettext_lazy("Your password has been changed.")


class LoginView(auth_views.LoginView):
    """Log in (failed attempts are rate-limited by django-axes)."""

    template_name = "users/login.html"
    redirect_authenticated_user = True

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        form.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        return form

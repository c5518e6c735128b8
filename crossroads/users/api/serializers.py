"""Serializers of users, organisations, roles, permissions and tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.users import models as m
from crossroads.users.forms import crossroads_object_types


class OrganisationSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Organisation
        fields = ["id", "display", "name", "acronym", "kind", "country", "parent", "website",
                  "is_active", "created", "last_updated"]


class UserSerializer(CrossroadsModelSerializer):
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )

    class Meta:
        model = m.User
        fields = ["id", "display", "username", "first_name", "last_name", "email", "organisation",
                  "roles", "object_permissions", "is_active", "last_login", "date_joined",
                  "password"]
        read_only_fields = ["last_login", "date_joined"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        password = attrs.get("password")
        if self.instance is None and not password:
            raise serializers.ValidationError({"password": gettext("A new user needs a password.")})
        if password:
            candidate = self.instance or m.User(**{k: v for k, v in attrs.items()
                                                   if k in ("username", "email", "first_name")})
            try:
                password_validation.validate_password(password, candidate)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"password": error.messages}) from None
        return attrs

    def save_password(self, user: m.User, password: str | None) -> m.User:
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def create(self, validated_data: dict[str, Any]) -> m.User:
        password = validated_data.pop("password", None)
        return self.save_password(super().create(validated_data), password)

    def update(self, instance: m.User, validated_data: dict[str, Any]) -> m.User:
        password = validated_data.pop("password", None)
        return self.save_password(super().update(instance, validated_data), password)


class RoleSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Role
        fields = ["id", "display", "name", "slug", "description", "thematic_areas", "permissions",
                  "created", "last_updated"]


@extend_schema_field(OpenApiTypes.STR)
class ObjectTypeField(serializers.RelatedField):
    """A model named ``app_label.model`` (e.g. ``reference.country``)."""

    default_error_messages = {
        "unknown": _("Unknown object type {value!r}: use app_label.model."),
    }

    def to_representation(self, value: Any) -> str:
        return f"{value.app_label}.{value.model}"

    def to_internal_value(self, data: Any) -> ContentType:
        app_label, _, model = str(data).partition(".")
        queryset: Any = self.get_queryset()
        found = queryset.filter(app_label=app_label, model=model).first()
        if found is None:
            self.fail("unknown", value=data)
        return found


class ObjectPermissionSerializer(CrossroadsModelSerializer):
    object_types = ObjectTypeField(
        many=True, queryset=ContentType.objects.none(),
        help_text=_("Models as app_label.model, e.g. reference.country, users.organisation."),
    )

    class Meta:
        model = m.ObjectPermission
        fields = ["id", "display", "name", "description", "enabled", "object_types", "actions",
                  "constraints", "created", "last_updated"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_types"].child_relation.queryset = crossroads_object_types()  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        types = attrs.get("object_types")
        if types is None and self.instance is not None:
            types = list(self.instance.object_types.all())
        constraints = attrs.get("constraints", getattr(self.instance, "constraints", None))
        problems = m.constraint_field_problems(
            [t.model_class() for t in types or [] if t.model_class()], constraints
        )
        if problems:
            raise serializers.ValidationError({"constraints": problems})
        return attrs

    def validate_actions(self, value: Any) -> Any:
        return run_model_validators(m.validate_actions, value)

    def validate_constraints(self, value: Any) -> Any:
        return run_model_validators(m.validate_constraints, value)


def run_model_validators(validator: Any, value: Any) -> Any:
    """Run a model field validator and report its message as a field error."""
    try:
        validator(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from None
    return value


class TokenSerializer(CrossroadsModelSerializer):
    key = serializers.SerializerMethodField(
        help_text=_("The key: only in the response that creates it.")
    )

    class Meta:
        model = m.Token
        fields = ["id", "display", "user", "prefix", "description", "write_enabled", "created",
                  "expires", "last_used", "key"]
        read_only_fields = ["user", "prefix", "created", "last_used"]

    def get_key(self, obj: m.Token) -> str | None:
        return getattr(obj, "issued_key", None)

    def create(self, validated_data: dict[str, Any]) -> m.Token:
        token, key = m.Token.issue(self.context["request"].user, **validated_data)
        token.issued_key = key  # type: ignore[attr-defined]
        return token

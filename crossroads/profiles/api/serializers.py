"""Serializers of migration profiles.

A profile is written like its form: area, year and language once, the narrative while
it is a draft. The model's own checks (``Profile.clean``: only drafts are edited, an
organisation writes its own country's profile) run here too, so the API and the form
agree. The frozen document and the PDF are never part of a record: they have links.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer, clean_as_saved
from crossroads.evidence.choices import AreaKind
from crossroads.profiles import forms
from crossroads.profiles import models as m

STAMPS = ["created", "last_updated"]
#: What identifies an edition: chosen when it is created, fixed afterwards.
FIXED_FIELDS = ("area", "year", "language")
#: What the workflow sets (never written through the API).
WORKFLOW_FIELDS = ["status", "version", "previous", "submitted_by", "submitted_at",
                   "approved_by", "published_at"]


class ProfileSerializer(CrossroadsModelSerializer):
    """An edition's record: its narrative, where it stands, and links to its document."""

    display_title = serializers.CharField(
        read_only=True, help_text=gettext_lazy("The title, or the default one for the area."))
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The profile's page."))
    json_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("The profile's document as JSON (frozen once published)."))
    pdf_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("The profile's PDF (stored once published)."))

    class Meta:
        model = m.Profile
        fields = ["id", "display", "display_title", *forms.ProfileForm.Meta.fields,
                  *WORKFLOW_FIELDS, "url", "json_url", "pdf_url", *STAMPS]
        read_only_fields = WORKFLOW_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields.get("area")
        queryset = getattr(area, "queryset", None)
        if queryset is not None:
            area.queryset = queryset.filter(  # type: ignore[union-attr]
                kind__in=[AreaKind.COUNTRY, AreaKind.REGION])

    def link(self, name: str, obj: m.Profile) -> str:
        path = reverse(f"profiles:{name}", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_url(self, obj: m.Profile) -> str:
        return self.link("profile", obj)

    def get_json_url(self, obj: m.Profile) -> str:
        return self.link("profile_json", obj)

    def get_pdf_url(self, obj: m.Profile) -> str:
        return self.link("profile_pdf", obj)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None:
            check_fixed(self.instance, attrs)
        clean_as_saved(self.instance, m.Profile, attrs)
        return attrs


def check_fixed(profile: m.Profile, attrs: dict[str, Any]) -> None:
    """Refuse a change of area, year or language: another edition is another profile."""
    changed = {name: [_("Fixed once the profile exists; create another profile instead.")]
               for name in FIXED_FIELDS
               if name in attrs and attrs[name] != getattr(profile, name)}
    if changed:
        raise serializers.ValidationError(changed)


class ProfileReviewSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ProfileReview
        fields = ["id", "display", *forms.ProfileReviewForm.Meta.fields, *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        clean_as_saved(self.instance, m.ProfileReview, attrs)
        return attrs


class CommentSerializer(serializers.Serializer[Any]):
    """A reviewer's comment (required to return a profile to its authors)."""

    comment = serializers.CharField(max_length=5000, allow_blank=True, required=False,
                                    default="")

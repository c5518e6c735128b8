"""Serializers of the people register.

A person is read with their names, nationalities and documents nested (read-only:
each has its own endpoint to correct it), and created only through
:func:`crossroads.people.services.register` (:class:`RegisterSerializer`), which checks
every name, date, code and document before it writes anything. Names, nationalities
and documents written through their own endpoints run the model's checks, as the
forms do.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crossroads.core.api.serializers import CrossroadsModelSerializer, clean_as_saved
from crossroads.people import choices, forms, services
from crossroads.people import models as m
from crossroads.people.dates import PartialDate

STAMPS = ["created", "last_updated"]
BIRTH = ["birth_year", "birth_month", "birth_day", "birth_approximate"]


class NestedNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.PersonName
        fields = ["id", "part", "value", "script", "language", "scheme", "source", "position"]
        read_only_fields = fields


class NestedDocumentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=_("passport, national_id, …"))

    class Meta:
        model = m.IdentityDocument
        fields = ["id", "kind", "number", "issuing_state", "issued_on", "expires_on"]
        read_only_fields = fields


class PersonSerializer(CrossroadsModelSerializer):
    """A person with what is known of them (the nested lists are read-only)."""

    names = NestedNameSerializer(many=True, read_only=True)
    documents = NestedDocumentSerializer(many=True, read_only=True)
    nationalities = serializers.SerializerMethodField(
        help_text=_("ISO 3166 alpha-3 codes of the person's nationalities."))
    birth_date = serializers.SerializerMethodField(
        help_text=_("The date of birth as known: 1980, 1980-05, 1980-05-17, ~1980."))
    merged_into: Any = serializers.SlugRelatedField(
        slug_field="uid", read_only=True,
        help_text=_("The identifier of the person this one was merged into."))

    class Meta:
        model = m.Person
        fields = ["id", "display", "uid", *forms.PersonForm.Meta.fields, "birth_date", "status",
                  "merged_into", "warnings", "names", "nationalities", "documents", *STAMPS]
        read_only_fields = ["uid", "status", "warnings"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_nationalities(self, obj: m.Person) -> list[str]:
        return [n.country.iso3 for n in obj.nationalities.all()]

    def get_birth_date(self, obj: m.Person) -> str:
        return str(obj.birth_date)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        clean_as_saved(self.instance, m.Person, attrs)
        return attrs


class NameInputSerializer(serializers.Serializer[Any]):
    part = serializers.ChoiceField(choices=choices.NamePart.choices)
    value = serializers.CharField(max_length=200, allow_blank=True,
                                  help_text=_("As the source writes it, in its own script."))
    language = serializers.CharField(max_length=3, required=False, default="",
                                     allow_blank=True)
    scheme = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=200, required=False, default="", allow_blank=True)


class BirthInputSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(min_value=1880, max_value=2100, required=False,
                                    allow_null=True, default=None)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False,
                                     allow_null=True, default=None)
    day = serializers.IntegerField(min_value=1, max_value=31, required=False,
                                   allow_null=True, default=None)
    approximate = serializers.BooleanField(required=False, default=False)


class DocumentInputSerializer(serializers.Serializer[Any]):
    # Checked by the service (unknown types get a message naming the document).
    kind = serializers.CharField(max_length=30, help_text=_("passport, national_id, …"))
    number = serializers.CharField(max_length=40)
    issuing_state = serializers.CharField(max_length=4)
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class RegisterSerializer(serializers.Serializer[Any]):
    """A new person as a source gives them (checked and written by ``services.register``)."""

    names = NameInputSerializer(many=True, allow_empty=False)
    # Checked by the service, like the document types (one message per problem).
    sex = serializers.CharField(max_length=1, default=choices.Sex.UNKNOWN,
                                help_text=_("F, M, X (other) or U (unknown)."))
    birth = BirthInputSerializer(required=False)
    place_of_birth = serializers.CharField(max_length=200, required=False, default="",
                                           allow_blank=True)
    nationalities = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, default=list,
        help_text=_("ISO 3166 alpha-3 codes."))
    documents = DocumentInputSerializer(many=True, required=False, default=list)
    notes = serializers.CharField(required=False, default="", allow_blank=True)

    def person_input(self) -> services.PersonInput:
        data = self.validated_data
        birth = data.get("birth") or {}
        return services.PersonInput(
            names=[services.NameInput(**name) for name in data["names"]],
            sex=data["sex"],
            birth=PartialDate(birth.get("year"), birth.get("month"), birth.get("day"),
                              bool(birth.get("approximate"))),
            place_of_birth=data["place_of_birth"], nationalities=data["nationalities"],
            documents=[services.DocumentInput(**doc) for doc in data["documents"]],
            notes=data["notes"])


class CandidateFieldSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    level = serializers.CharField(help_text=_("exact, variant, similar, different, missing, …"))
    label = serializers.CharField()  # type: ignore[assignment]
    weight = serializers.FloatField()
    value = serializers.CharField(help_text=_("The value on record it was compared with."))


class CandidateSerializer(serializers.Serializer[Any]):
    """One person who may be the one searched for, with the comparison of each field."""

    person = serializers.IntegerField()
    uid = serializers.UUIDField()
    score = serializers.FloatField(help_text=_("Probability (0–1) that this is the person."))
    fields = CandidateFieldSerializer(many=True)  # type: ignore[assignment]


class SearchQuerySerializer(serializers.Serializer[Any]):
    """What is known of the person searched for; a name or a document number is needed."""

    given = serializers.CharField(required=False, default="", allow_blank=True)
    family = serializers.CharField(required=False, default="", allow_blank=True)
    patronymic = serializers.CharField(required=False, default="", allow_blank=True)
    birth_year = serializers.IntegerField(required=False, min_value=1880, max_value=2100)
    birth_month = serializers.IntegerField(required=False, min_value=1, max_value=12)
    birth_day = serializers.IntegerField(required=False, min_value=1, max_value=31)
    sex = serializers.ChoiceField(choices=choices.Sex.choices, required=False, default="",
                                  allow_blank=True)
    nationality = serializers.CharField(required=False, default="", allow_blank=True,
                                        max_length=3)
    document_number = serializers.CharField(required=False, default="", allow_blank=True,
                                            max_length=40)
    language = serializers.CharField(required=False, default="", allow_blank=True,
                                     max_length=3)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50)


class PersonNameSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.PersonName
        fields = ["id", "display", *forms.PersonNameForm.Meta.fields, "script", *STAMPS]
        read_only_fields = ["script"]


class NationalitySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Nationality
        fields = ["id", "display", *forms.NationalityForm.Meta.fields, *STAMPS]


class IdentityDocumentSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.IdentityDocument
        fields = ["id", "display", *forms.IdentityDocumentForm.Meta.fields, *STAMPS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        clean_as_saved(self.instance, m.IdentityDocument, attrs)
        return attrs


class PersonLinkSerializer(CrossroadsModelSerializer):
    content_type: Any = serializers.StringRelatedField()

    class Meta:
        model = m.PersonLink
        fields = ["id", "display", "person", "content_type", "object_id", "organisation",
                  "role", *STAMPS]


class MatchPairSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.MatchPair
        fields = ["id", "display", "left", "right", "probability", "explanation", "status",
                  "decided_by", "decided_at", "run", *STAMPS]


class DecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=[("confirm", _("Same person: merge")),
                                                ("reject", _("Different people"))])
    reason = serializers.CharField(required=False, default="", allow_blank=True,
                                   max_length=2000)


class MergeSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Merge
        fields = ["id", "display", "survivor", "merged", "reason", "moved", "undone_at",
                  "undone_by", *STAMPS]

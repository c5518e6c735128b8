"""Forms of the people register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.people import choices
from crossroads.people import models as m


class PersonForm(CrossroadsModelForm):
    class Meta:
        model = m.Person
        fields = ["organisation", "sex", "birth_year", "birth_month", "birth_day",
                  "birth_approximate", "place_of_birth", "country_of_birth", "notes"]


class PersonNameForm(CrossroadsModelForm):
    class Meta:
        model = m.PersonName
        fields = ["person", "part", "value", "language", "scheme", "source", "position"]


class NationalityForm(CrossroadsModelForm):
    class Meta:
        model = m.Nationality
        fields = ["person", "country"]


class IdentityDocumentForm(CrossroadsModelForm):
    class Meta:
        model = m.IdentityDocument
        fields = ["person", "kind", "number", "issuing_state", "issued_on", "expires_on"]


class PersonLinkForm(CrossroadsModelForm):
    class Meta:
        model = m.PersonLink
        fields = ["person", "content_type", "object_id", "organisation", "role"]


class MatchPairForm(CrossroadsModelForm):
    class Meta:
        model = m.MatchPair
        fields = ["left", "right", "probability", "status"]


class SearchForm(forms.Form):
    """What an officer knows of a person: any field may be left empty."""

    given = forms.CharField(label=_("Given name"), required=False, max_length=200)
    family = forms.CharField(label=_("Family name"), required=False, max_length=200)
    patronymic = forms.CharField(label=_("Patronymic"), required=False, max_length=200)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1880,
                                    max_value=2100)
    birth_month = forms.IntegerField(label=_("Month"), required=False, min_value=1,
                                     max_value=12)
    birth_day = forms.IntegerField(label=_("Day"), required=False, min_value=1, max_value=31)
    sex = forms.ChoiceField(label=_("Sex"), required=False,
                            choices=[("", "–"), *choices.Sex.choices])
    nationality = forms.CharField(label=_("Nationality (ISO code)"), required=False,
                                  max_length=3)
    document_number = forms.CharField(label=_("Document number"), required=False,
                                      max_length=40)
    language = forms.ChoiceField(
        label=_("Language of the names"), required=False,
        choices=[("", _("any")), ("ru", "русский"), ("uk", "українська"),
                 ("be", "беларуская"), ("sr", "српски"), ("mk", "македонски"),
                 ("bg", "български"), ("ka", "ქართული"), ("hy", "հայերեն"),
                 ("kk", "қазақша"), ("uz", "oʻzbekcha"), ("tk", "türkmençe"),
                 ("az", "azərbaycanca"), ("tr", "Türkçe")])


class RegisterForm(SearchForm):
    """The names as the person or the document gives them, in the original script."""

    birth_approximate = forms.BooleanField(label=_("Date of birth is approximate"),
                                           required=False)
    place_of_birth = forms.CharField(label=_("Place of birth"), required=False,
                                     max_length=200)
    document_kind = forms.ChoiceField(label=_("Document type"), required=False,
                                      choices=[("", "–"), *choices.DocumentKind.choices])
    document_state = forms.CharField(label=_("Issuing state"), required=False, max_length=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sex"].required = False

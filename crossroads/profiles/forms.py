"""Forms of migration profiles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.evidence.choices import AreaKind
from crossroads.profiles import models as m


class ProfileForm(CrossroadsModelForm):
    """A profile's area, year and language (fixed once created) and its narrative."""

    class Meta:
        model = m.Profile
        fields = ["area", "year", "language", "organisation", "title", "key_findings",
                  "recommendations", "stale_after"]
        widgets = {"key_findings": forms.Textarea(attrs={"rows": 12}),
                   "recommendations": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = area.queryset.filter(  # type: ignore[union-attr]
            kind__in=[AreaKind.COUNTRY, AreaKind.REGION]).order_by("kind", "name")
        organisation = getattr(self.user, "organisation", None)
        if not self.instance.pk and organisation is not None \
                and not self.initial.get("organisation"):
            self.initial["organisation"] = organisation.pk
        if self.instance.pk:
            for name in ("area", "year", "language"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the profile exists.")


class ProfileReviewForm(CrossroadsModelForm):
    class Meta:
        model = m.ProfileReview
        fields = ["profile", "reviewer", "kind", "comment"]


class CommentForm(forms.Form):
    """A reviewer's comment, or the reason for returning a profile to its authors."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=5000)

"""Forms of border management."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.borders import models as m
from crossroads.core.forms import CrossroadsModelForm


class BorderCrossingPointForm(CrossroadsModelForm):
    class Meta:
        model = m.BorderCrossingPoint
        fields = ["country", "code", "name", "kind", "neighbour", "admin_area", "latitude",
                  "longitude", "lanes", "status"]


class MRZForm(forms.Form):
    """The machine-readable zone as a scanner or an officer gives it (2 or 3 lines)."""

    mrz = forms.CharField(label=_("Machine-readable zone"), max_length=200,
                          widget=forms.Textarea(attrs={"rows": 3, "cols": 46, "spellcheck": "false",
                                                       "autocomplete": "off",
                                                       "class": "mrz-input"}))

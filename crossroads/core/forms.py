"""Base forms: related choices limited to what the user may see."""

from __future__ import annotations

from typing import Any

from django import forms

from crossroads.core.permissions import VIEW


def restrict_choices(form: forms.BaseForm, user: Any) -> None:
    """Limit every related-object field of a form to objects the user may view."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            manager = field.queryset.model._default_manager
            if hasattr(manager, "restrict"):
                field.queryset = manager.restrict(user, VIEW)


class CrossroadsModelForm(forms.ModelForm):
    """A model form whose related choices pass through ``restrict()``."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choices(self, user)

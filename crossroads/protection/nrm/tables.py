"""Tables of the referral mechanism. Referral and transfer tables show no case or person:
the receiving organisation sees them too."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.core.tables import CrossroadsTable
from crossroads.protection import models as m


class ServiceProviderTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.ServiceProvider
        fields = ("name", "organisation", "country", "locality", "phone", "email", "is_active")


class ServiceOfferTable(CrossroadsTable):
    provider = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.ServiceOffer
        fields = ("provider", "service", "capacity", "eligibility")


class ReferralTable(CrossroadsTable):
    id = tables.Column(verbose_name=_("Referral"), linkify=True)
    referring = tables.Column(verbose_name=_("Referring organisation"),
                              accessor="case__organisation", orderable=False)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.Referral
        fields = ("id", "service", "provider", "receiving_organisation", "referring", "status",
                  "urgent", "respond_by", "complete_by")


class CaseTransferTable(CrossroadsTable):
    id = tables.Column(verbose_name=_("Transfer"), linkify=True)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.CaseTransfer
        fields = ("id", "from_organisation", "to_organisation", "status", "created",
                  "decided_at")

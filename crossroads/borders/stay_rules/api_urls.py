"""API URL patterns of stay lists and traveller status (included by borders' API)."""

from __future__ import annotations

from django.urls import path

from crossroads.borders.stay_rules import api

urlpatterns = [
    path("travellers/<int:person>/stay/", api.TravellerStayView.as_view(),
         name="traveller_stay"),
    path("stays/overstayers/", api.OverstayersAPIView.as_view(), name="overstayers"),
    path("stays/exits-without-entry/", api.ExitsWithoutEntryAPIView.as_view(),
         name="exits_without_entry"),
    path("stays/entries-without-exit/", api.EntriesWithoutExitAPIView.as_view(),
         name="entries_without_exit"),
]

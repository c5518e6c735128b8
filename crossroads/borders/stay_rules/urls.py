"""URL patterns of stay rules, traveller status and stay lists (included by borders)."""

from __future__ import annotations

from django.urls import path

from crossroads.borders.stay_rules import views

urlpatterns = [
    *views.StayRuleViews.urls(),
    path("travellers/<int:person>/stay/", views.traveller_stay, name="traveller_stay"),
    path("stays/overstayers/", views.stay_list, {"which": "overstayers"}, name="overstayers"),
    path("stays/exits-without-entry/", views.stay_list, {"which": "exits_without_entry"},
         name="exits_without_entry"),
    path("stays/entries-without-exit/", views.stay_list, {"which": "entries_without_exit"},
         name="entries_without_exit"),
]

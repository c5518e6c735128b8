from __future__ import annotations

from django.urls import path

from crossroads.watchlists import views

app_name = "watchlists"

urlpatterns = [
    path("alerts/<int:pk>/decide/", views.decide, name="alert_decide"),
    path("watchlists/<int:pk>/import/", views.import_entries, name="watchlist_import"),
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
]

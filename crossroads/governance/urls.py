from __future__ import annotations

from crossroads.governance.views import ALL_VIEWS

app_name = "governance"

urlpatterns = [pattern for views in ALL_VIEWS for pattern in views.urls()]

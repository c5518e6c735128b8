"""The document of a profile edition: frozen when published, built live otherwise."""

from __future__ import annotations

from typing import Any

from crossroads.profiles.content.build import build_content
from crossroads.profiles.models import Profile


def about(profile: Profile) -> dict[str, Any]:
    """Who wrote the profile, its narrative (part D) and where it stands."""
    approver = profile.approved_by
    return {
        "id": profile.pk, "title": profile.display_title, "version": profile.version,
        "status": profile.status, "organisation": str(profile.organisation),
        "key_findings": profile.key_findings, "recommendations": profile.recommendations,
        "approved_by": (approver.get_full_name() or approver.get_username()) if approver
        else None,
        "published_at": profile.published_at.isoformat(timespec="seconds")
        if profile.published_at else None,
    }


def live_document(profile: Profile, user: Any) -> dict[str, Any]:
    """The profile as the evidence base and the register stand now, as ``user`` sees them."""
    content = build_content(user, profile.area.code, profile.year, language=profile.language,
                            stale_after=profile.stale_after)
    return {**content, "profile": about(profile)}


def document(profile: Profile, user: Any) -> dict[str, Any]:
    """The frozen document of a published profile; a live one for drafts and reviews."""
    if profile.is_published and profile.snapshot:
        return dict(profile.snapshot)
    return live_document(profile, user)


def figures_of(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every single figure of a document by "part/section/key" (for diffs and tests)."""
    found: dict[str, dict[str, Any]] = {}
    for part in content.get("parts", []):
        for section in part["sections"]:
            for item in section["items"]:
                if item["type"] == "figures":
                    for row in item["rows"]:
                        found[f"{part['key']}/{section['key']}/{row['key']}"] = row
    return found


def with_charts(content: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document whose chart items carry their SVG and text (for templates)."""
    charts = content.get("charts", {})
    parts = []
    for part in content.get("parts", []):
        sections = []
        for section in part["sections"]:
            items = [{**item, **charts.get(item["key"], {})} if item["type"] == "chart"
                     else item for item in section["items"]]
            sections.append({**section, "items": items})
        parts.append({**part, "sections": sections})
    return {**content, "parts": parts}

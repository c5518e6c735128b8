"""The committed OpenAPI schema matches the code (CI fails when it drifts)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from crossroads.settings import SOURCE_ROOT

COMMITTED = SOURCE_ROOT / "docs" / "openapi.yaml"


def generated_schema() -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return out.getvalue()


@pytest.mark.skipif(not COMMITTED.exists(), reason="run from a source checkout (docs/ present)")
@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="docs/openapi.yaml is generated on SQLite; integer ranges in it follow the database",
)
def test_the_committed_openapi_schema_matches_the_code() -> None:
    committed = Path(COMMITTED).read_text()
    assert generated_schema() == committed, (
        "docs/openapi.yaml is out of date: run `make schema` and commit the result"
    )


def test_every_api_path_is_under_v1_and_documents_token_auth() -> None:
    schema = yaml.safe_load(generated_schema())
    assert schema["paths"], "the schema lists no endpoints"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert "/api/v1/reference/countries/" in schema["paths"]

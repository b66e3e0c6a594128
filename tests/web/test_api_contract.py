"""The API against its own ``/openapi.json`` (issue 21, item 9): a property-based run of every operation.

schemathesis generates requests for every route of the published schema, with the write token and
without it, a few examples per operation (``EXAMPLES``; a bigger run: ``ENTENTE_CONTRACT_EXAMPLES=200``).
Each answer must not be a 5xx, must have a documented status code and content type, and its body must
match the schema of that status code (422s included).
"""

from __future__ import annotations

import os
import warnings

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from web_fixtures import build_kb, write_articles  # noqa: E402

TOKEN = "contract-token-77aa"
EXAMPLES = int(os.environ.get("ENTENTE_CONTRACT_EXAMPLES") or 5)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def web_app(tmp_path_factory):
    from entente.web import create_app

    folder = tmp_path_factory.mktemp("contract")
    kb = build_kb(folder / "kb.db", write_articles(folder / "articles"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return create_app(kb=kb, api_token=TOKEN, max_body=256 * 1024)


@pytest.fixture(scope="module")
def api_schema(web_app):
    return schemathesis.openapi.from_asgi("/openapi.json", web_app)


def operations(api_schema):
    out = []
    for result in api_schema.get_all_operations():
        out.append(result.ok())
    assert len(out) >= 10, [o.label for o in out]
    return out


def run_all(api_schema, headers: dict[str, str]) -> list[str]:
    """Every operation, positive and negative examples; the failures found (one line each)."""
    from hypothesis import given
    from schemathesis import GenerationMode

    failures: list[str] = []
    for op in operations(api_schema):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=op.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            def check(case):
                case.headers = {k: v for k, v in (case.headers or {}).items()
                                if k.lower() not in ("authorization", "x-api-token")} | headers
                case.call_and_validate(checks=CHECKS)

            try:
                check()
            except Unsatisfiable:  # no invalid request exists (an operation without parameters)
                continue
            except Exception as e:  # noqa: BLE001 - collected, reported together
                failures.append(f"{op.label} ({mode.value}): {type(e).__name__}: {str(e)[:600]}")
    return failures


def test_every_operation_with_the_token(api_schema):
    failures = run_all(api_schema, {"Authorization": f"Bearer {TOKEN}"})
    assert not failures, "\n".join(failures)


def test_every_operation_without_a_token(api_schema):
    failures = run_all(api_schema, {})
    assert not failures, "\n".join(failures)


def test_every_route_is_in_the_schema_and_422_has_one_shape(web_app):
    from fastapi.routing import APIRoute

    documented = web_app.openapi()
    paths = documented["paths"]
    api = {r.path for r in web_app.routes if isinstance(r, APIRoute) and r.path.startswith("/api/")}
    assert api <= set(paths), api - set(paths)
    assert "HTTPValidationError" not in documented["components"]["schemas"]
    for path, item in paths.items():
        for method, op in item.items():
            ref = op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorBody"), (method, path)
    post = paths["/api/documents"]["post"]["responses"]
    assert {"200", "201", "401", "403", "413", "415", "422"} <= set(post)
    assert "already present" in post["200"]["description"].lower()
    assert "404" in paths["/api/documents/{doc_id}"]["get"]["responses"]
    assert "429" in paths["/api/export/{fmt}"]["get"]["responses"]


def test_options_answers_with_allow(web_app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(web_app) as c:
        r = c.options("/api/documents")
        assert r.status_code == 204, r.text
        assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "access-control-allow-origin" not in r.headers
        r = c.options("/api/documents/" + "a" * 64)
        assert {"GET", "DELETE", "OPTIONS"} <= set(r.headers["allow"].split(", "))
        assert c.options("/api/nothing-here").status_code in (404, 405)

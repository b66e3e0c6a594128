"""The API's contract as published in ``/openapi.json``, and ``OPTIONS``.

* Every error answer has one shape, :class:`ErrorBody` (``{"detail": "..."}``; a request that fails
  validation adds ``errors``, one item per problem).  FastAPI's generated schema says a 422 carries
  ``HTTPValidationError`` (``detail`` as an array); the published schema says what the app really sends.
* Each operation documents the answers it can give besides its success: 404 where a path names a
  document, 401/403 (token), 413 (body too large) and 415 (content type) on the write routes, 200 for
  a posted document that was already present (201 when added), 429 for an export while one is built.
* ``OPTIONS`` on any route answers 204 with ``Allow`` listing its methods (no CORS headers: browsers on
  other origins still cannot call the API).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send


class ErrorItem(BaseModel):
    loc: list[str] = Field(description="Where: body/query/path and the field")
    msg: str
    type: str


class ErrorBody(BaseModel):
    """Every error answer (4xx, 5xx)."""

    detail: str = Field(description="What is wrong, in words")
    errors: list[ErrorItem] | None = Field(default=None, description="Validation errors, one per problem (422)")


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}


def _extra_responses(path: str, method: str, op: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"422": _error("Invalid request (a parameter, the body or an unknown country)")}
    if path.startswith("/api/") and method != "get":
        out["401"] = _error("No token: send `Authorization: Bearer <token>`")
        out["403"] = _error("Wrong token, or writing is disabled (no token set on the server)")
    if "{doc_id}" in path or "{a}" in path or "{country}" in path:
        out["404"] = _error("No such document (or pair)")
    if path.startswith("/api/reviews"):
        out["404"] = _error("No document with that id (or id prefix)")
        if method == "post":
            out["400"] = _error("The body is not JSON text (undecodable bytes)")
    if path == "/api/documents" and method == "post":
        out["413"] = _error("Request body larger than the server's limit")
        out["415"] = _error("Content type other than JSON or multipart")
        created = op["responses"].get("201", {})
        out["200"] = {**created, "description": "Already present: the same text was stored before (nothing added)"}
        created["description"] = "Added (or re-extracted)"
    if path.startswith("/api/export/"):
        out["429"] = _error("Another export is being built: retry after `Retry-After` seconds")
    return out


def contract_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema with the error answers as the app sends them (see the module docstring)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schemas["ErrorBody"].pop("$defs", {}))
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            for code, answer in _extra_responses(path, method, op).items():
                if code == "422" or code not in op["responses"]:
                    op["responses"][code] = answer
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    _uniform_tuples(schema)
    app.openapi_schema = schema
    return schema


def _uniform_tuples(node: Any) -> None:
    """A fixed-length array whose items all have one schema (``failures``: pairs of strings) written as
    ``items`` with ``minItems``/``maxItems`` instead of ``prefixItems``: the same constraint, in the form
    every OpenAPI tool reads (schemathesis rewrites ``prefixItems`` into an invalid ``items`` list)."""
    if isinstance(node, dict):
        prefix = node.get("prefixItems")
        if isinstance(prefix, list) and prefix and all(p == prefix[0] for p in prefix):
            node.pop("prefixItems")
            node["items"] = prefix[0]
            node.setdefault("minItems", len(prefix))
            node.setdefault("maxItems", len(prefix))
        for value in node.values():
            _uniform_tuples(value)
    elif isinstance(node, list):
        for value in node:
            _uniform_tuples(value)


def _flat_routes(routes) -> Iterator[Any]:
    """Every route, also those of included routers (which newer FastAPI keeps wrapped)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flat_routes(inner.routes)
        else:
            yield route


class OptionsMiddleware:
    """``OPTIONS`` on a known path: 204 with ``Allow`` (the route's methods, HEAD with GET, and OPTIONS)."""

    def __init__(self, app: ASGIApp, router_app: FastAPI) -> None:
        self.app = app
        self.router_app = router_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        methods: set[str] = set()
        for route in _flat_routes(self.router_app.router.routes):
            match, _ = route.matches({**scope, "method": "GET"})
            if match != Match.NONE:
                methods |= set(getattr(route, "methods", None) or {"GET"})
        if not methods:
            await self.app(scope, receive, send)
            return
        if "GET" in methods:
            methods.add("HEAD")
        allow = ", ".join(sorted(methods | {"OPTIONS"})).encode()
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(b"allow", allow), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def install_contract(app: FastAPI) -> None:
    """Publish the schema above as ``/openapi.json`` and answer ``OPTIONS`` (call before the security middleware
    is added, so that its headers wrap these answers too)."""
    app.openapi = lambda: contract_openapi(app)  # type: ignore[method-assign]
    app.add_middleware(OptionsMiddleware, router_app=app)

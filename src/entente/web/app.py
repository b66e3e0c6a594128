"""The web app factory: one process serves the JSON API, the pages and their assets.

``create_app(db_url)`` opens the knowledge base (see :func:`entente.kb.open_kb`),
installs the security middleware (headers, body limit; no CORS), the response cache
(:mod:`entente.web.cache`, per KB generation) and the routers.
Interactive API docs at ``/docs`` use Swagger UI files from the installed
``swagger-ui-bundle`` package, so nothing is fetched from the internet.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..kb import KB, open_kb
from ..kb.queries import NotFound, UnknownCountry, resolve
from .api import router as api_router
from .assets import router as assets_router
from .cache import ResponseCache, ResponseCacheMiddleware, cache_limits_from_env
from .contract import install_contract
from .deps import HERE, templates
from .generation import KBGeneration
from .overview import OverviewCache
from .pages import router as pages_router
from .review_pages import router as review_pages_router
from .reviews_api import router as reviews_router
from .security import DEFAULT_MAX_BODY, TOKEN_ENV, SecurityMiddleware

MAX_BODY_ENV = "ENTENTE_MAX_BODY"
THREADS_ENV = "ENTENTE_WEB_THREADS"
DEFAULT_THREADS = 4


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _error(request: Request, status: int, message: str, headers: dict | None = None):
    if wants_html(request):
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "nav": "", "kb_label": ""},
            status_code=status,
            headers=headers,
        )
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def create_app(
    db_url: str | os.PathLike[str] | None = None,
    *,
    kb: KB | None = None,
    api_token: str | None = None,
    max_body: int | None = None,
    cache_entries: int | None = None,
    cache_bytes: int | None = None,
    threads: int | None = None,
) -> FastAPI:
    """The entente web app over the knowledge base at ``db_url`` (or an already open ``kb``).

    ``api_token`` defaults to ``$ENTENTE_API_TOKEN`` (read per request); without
    any token every write answers 403.  ``max_body`` defaults to
    ``$ENTENTE_MAX_BODY`` or 16 MiB.  ``cache_entries`` / ``cache_bytes`` bound the
    response cache (defaults from ``$ENTENTE_WEB_CACHE`` / ``$ENTENTE_WEB_CACHE_MB``,
    else 2048 answers and 256 MiB; ``cache_entries=0`` turns it off).  ``threads`` (default
    ``$ENTENTE_WEB_THREADS`` or 4) bounds the thread pool where the query routes run; see :func:`_lifespan`.
    """
    if max_body is None:
        max_body = int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY)
    app = FastAPI(
        title="entente",
        version=__version__,
        description=(
            "Evidence-linked records of relations between countries. Reading is open; "
            f"writing needs `Authorization: Bearer <{TOKEN_ENV}>`."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(
            threads if threads is not None else int(os.environ.get(THREADS_ENV) or DEFAULT_THREADS)
        ),
    )
    app.state.kb = kb or open_kb(db_url)
    _warm_up()
    app.state.api_token = api_token
    app.state.generation = KBGeneration(app.state.kb)
    app.state.overview = OverviewCache()
    with app.state.kb.session() as session:  # the home page's cross-pair view, ready before the first visit
        app.state.overview.get(session, dt.date.today(), app.state.generation.token())
    app.state.max_body = max_body
    env_entries, env_bytes = cache_limits_from_env()
    app.state.cache = ResponseCache(
        app.state.generation,
        env_entries if cache_entries is None else cache_entries,
        env_bytes if cache_bytes is None else cache_bytes,
    )
    install_contract(app)  # /openapi.json's error answers, OPTIONS (inside the security headers)
    app.add_middleware(ResponseCacheMiddleware, cache=app.state.cache)  # inside: security headers stay fresh
    app.add_middleware(SecurityMiddleware, max_body=max_body)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(assets_router)
    app.include_router(api_router)
    app.include_router(reviews_router)
    app.include_router(review_pages_router)
    app.include_router(pages_router)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def swagger(request: Request):
        return templates.TemplateResponse(request, "swagger.html", {"openapi_url": app.openapi_url})

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        if wants_html(request):
            return _error(request, 422, _validation_message(exc))
        return JSONResponse(
            {"detail": _validation_message(exc), "errors": _jsonable_errors(exc)}, status_code=422
        )

    @app.exception_handler(UnknownCountry)
    async def on_unknown_country(request: Request, exc: UnknownCountry):
        return _error(request, 422, str(exc))

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound):
        return _error(request, 404, str(exc) or "not found")

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    freeze_startup_heap()
    return app


def _lifespan(threads: int):
    """Bound the worker threads of the event loop (anyio's default: 40) to ``threads``.

    The query routes are synchronous Python, so threads share one interpreter lock: 40 of them
    computing at once make every answer, cached ones included (served by the event loop thread),
    wait behind all the others.  A few threads keep the loop responsive; further uncached requests
    queue for a thread instead of slowing everyone down (``benchmarks/load.py``, 50 clients: the median
    answer took 72 ms with 40 threads, 19 ms with 4)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
        yield

    return lifespan


def freeze_startup_heap() -> None:
    """Move every object alive after start-up (spaCy, the country tables, templates, the overview:
    millions of objects) out of the garbage collector's reach (``gc.freeze``).  Otherwise each full
    collection, which the many short-lived objects of a query trigger every few requests, walks
    them all: ~100 ms of CPU, the slowest 5% of ``show`` calls on the 100k-document KB."""
    gc.collect()
    gc.freeze()


def _warm_up() -> None:
    """Load the country tables and compile the templates at start-up, so that the first request is not
    slower than the others (the query implementations are imported with this module)."""
    resolve("USA")
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)


def _jsonable_errors(exc: RequestValidationError) -> list[dict]:
    out = []
    for error in exc.errors():
        out.append(
            {
                "loc": [str(x) for x in error.get("loc", ())],
                "msg": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
        )
    return out

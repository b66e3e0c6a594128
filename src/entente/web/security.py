"""Security for the web app: write tokens, a request body limit and response headers.

Reading is open (the server binds to 127.0.0.1 by default); every route that
changes the knowledge base depends on :func:`require_token`, which compares the
presented token with ``ENTENTE_API_TOKEN`` in constant time, or accepts a browser
session (:mod:`entente.web.browser_session`: a signed cookie) together with its CSRF
token in ``X-CSRF-Token``.  No CORS middleware is installed, so browsers on other
origins cannot read the API.
"""

from __future__ import annotations

import hmac
import json
import os
import time

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .browser_session import COOKIE, CSRF_HEADER, csrf_ok, session_nonce

TOKEN_ENV = "ENTENTE_API_TOKEN"
DEFAULT_MAX_BODY = 16 * 1024 * 1024
MAX_OFFSET = 1_000_000_000  # the largest offset a page may ask for (SQL integers are 64-bit: no overflow)

# All scripts come from our own static files: no inline script, no eval, no other origin.
# Plotly and Swagger UI set inline style attributes, hence 'unsafe-inline' for styles only.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def presented_token(request: Request) -> str | None:
    """The token of a request: ``Authorization: Bearer T`` or ``X-API-Token: T``."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    token = request.headers.get("x-api-token")
    return token.strip() if token and token.strip() else None


# Declared so that /docs shows an "Authorize" button; the token itself is read by presented_token().
bearer_scheme = HTTPBearer(auto_error=False, description=f"the server's {TOKEN_ENV}")


def server_token(request: Request) -> str | None:
    """The write token of the server (``create_app(api_token=...)``, else ``$ENTENTE_API_TOKEN``), if any."""
    expected: str | None = getattr(request.app.state, "api_token", None)
    if expected is None:
        expected = os.environ.get(TOKEN_ENV) or None
    return expected


def require_token(request: Request, _: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> None:
    """FastAPI dependency for write routes: 401 without a token, 403 with a wrong one.  A browser session
    cookie stands for the token when the request also carries the session's CSRF token (else 403)."""
    expected = server_token(request)
    given = presented_token(request)
    if given is None:
        nonce = session_nonce(expected, request.cookies.get(COOKIE))
        if nonce is not None and expected:
            if not csrf_ok(expected, nonce, request.headers.get(CSRF_HEADER)):
                raise HTTPException(status_code=403, detail="missing or wrong CSRF token (X-CSRF-Token)")
            return
        raise HTTPException(
            status_code=401,
            detail="this route changes the knowledge base: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not expected:
        raise HTTPException(status_code=403, detail=f"writing is disabled: the server has no {TOKEN_ENV} set")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="wrong API token")


class BodyTooLarge(HTTPException):
    """Raised while reading a body past the limit; an HTTPException so FastAPI answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body larger than {limit} bytes")


class SecurityMiddleware:
    """Pure ASGI middleware: adds security headers (and ``Server-Timing``), enforces a body size limit (413).

    The limit is checked on the declared ``Content-Length`` first and then on the
    bytes actually received, so a chunked upload cannot get around it.
    """

    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        t0 = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                for name, value in SECURITY_HEADERS:
                    if name not in names:
                        headers.append((name, value))
                # time until the response starts: what the page timings in docs/web.md report
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._too_large(send_with_headers)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await self._too_large(send_with_headers)
        except Exception:
            # A bug: Starlette's error middleware (outside this one) would answer 500 without these headers.
            # Answer here, then re-raise so that the error is still logged (the server sends nothing more).
            if not started:
                await self._answer(send_with_headers, 500, "internal server error")
            raise

    async def _too_large(self, send: Send) -> None:
        await self._answer(send, 413, f"request body larger than {self.max_body} bytes")

    @staticmethod
    async def _answer(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

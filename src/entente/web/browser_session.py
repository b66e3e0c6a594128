"""Browser sessions for the review pages: the API token entered once, then a signed session cookie and a
CSRF token.

The cookie (``HttpOnly``, ``SameSite=Strict``, ``Secure`` over HTTPS) holds ``expiry.nonce.mac``, the MAC an
HMAC-SHA256 keyed with the server's API token, so the server keeps no session state, every worker process
accepts it, and changing the token ends every session.  The CSRF token is another HMAC of the nonce: the page
script reads it from ``GET /api/session`` (an answer other origins cannot read: no CORS) and sends it as
``X-CSRF-Token`` with every write.  Pure functions: the routes are in :mod:`entente.web.review_pages`, the
check of a write in :func:`entente.web.security.require_token`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

COOKIE = "entente_session"
CSRF_HEADER = "x-csrf-token"
MAX_AGE = 12 * 3600  # seconds a session lasts


def _mac(key: str, message: str) -> str:
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def new_session(key: str, now: float | None = None) -> str:
    """A fresh session cookie value signed with ``key`` (the API token)."""
    expiry = int((time.time() if now is None else now) + MAX_AGE)
    nonce = secrets.token_urlsafe(18)
    return f"{expiry}.{nonce}.{_mac(key, f'session|{expiry}|{nonce}')}"


def session_nonce(key: str | None, cookie: str | None, now: float | None = None) -> str | None:
    """The nonce of a valid, unexpired session cookie signed with ``key``; else ``None``."""
    if not key or not cookie or len(cookie) > 200:
        return None
    parts = cookie.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    expiry, nonce, mac = parts
    if not hmac.compare_digest(mac.encode(), _mac(key, f"session|{expiry}|{nonce}").encode()):
        return None
    if int(expiry) < (time.time() if now is None else now):
        return None
    return nonce


def csrf_token(key: str, nonce: str) -> str:
    """The CSRF token that goes with a session (``nonce`` from :func:`session_nonce`)."""
    return _mac(key, f"csrf|{nonce}")


def csrf_ok(key: str, nonce: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8"), csrf_token(key, nonce).encode())

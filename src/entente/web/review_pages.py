"""The analyst's pages: signing in once with the API token (a browser session, see
:mod:`entente.web.browser_session`) and the review queue (:mod:`entente.kb.review_queue`).

``GET /login`` shows the form; ``POST /api/session`` (the token as ``Authorization: Bearer``, checked like
every write) sets the session cookie;
``GET /api/session`` tells the page script whether it is signed in and gives it the CSRF token;
``DELETE /api/session`` signs out.  The review controls of the document page and of ``/review`` write
through ``POST /api/reviews`` (:mod:`entente.web.reviews_api`) with that cookie and ``X-CSRF-Token``.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from ..kb.review_queue import review_queue
from .browser_session import COOKIE, MAX_AGE, csrf_token, new_session, session_nonce
from .deps import get_session, templates
from .highlight import fact_label
from .security import MAX_OFFSET, require_token, server_token

router = APIRouter()
SessionDep = Annotated[Session, Depends(get_session)]
NO_STORE = {"Cache-Control": "no-store"}


class SessionState(BaseModel):
    authenticated: bool
    csrf: str | None = None  # send it as X-CSRF-Token with every write


def _same_origin(request: Request) -> bool:
    """A browser's ``Origin`` (when sent) names this server: no other site signs a browser in."""
    origin = request.headers.get("origin")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


@router.get("/api/session", response_model=SessionState, tags=["session"], summary="Is this browser signed in?")
def get_browser_session(request: Request) -> JSONResponse:
    key = server_token(request)
    nonce = session_nonce(key, request.cookies.get(COOKIE))
    state = SessionState(authenticated=False)
    if key and nonce:
        state = SessionState(authenticated=True, csrf=csrf_token(key, nonce))
    return JSONResponse(state.model_dump(), headers=NO_STORE)


@router.post(
    "/api/session",
    response_model=SessionState,
    tags=["session"],
    summary="Sign this browser in: send the API token once, get an HttpOnly, SameSite=Strict session cookie",
    dependencies=[Depends(require_token)],
)
def sign_in(request: Request) -> JSONResponse:
    key = server_token(request) or ""  # require_token: the token (or a session) was right
    if not _same_origin(request):
        raise HTTPException(status_code=403, detail="signing in from another site is refused")
    cookie = new_session(key)
    nonce = session_nonce(key, cookie) or ""
    answer = JSONResponse(SessionState(authenticated=True, csrf=csrf_token(key, nonce)).model_dump(), headers=NO_STORE)
    answer.set_cookie(
        COOKIE, cookie, max_age=MAX_AGE, path="/", httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )
    return answer


@router.delete(
    "/api/session",
    tags=["session"],
    summary="Sign this browser out (with its session and CSRF token, or the API token)",
    status_code=204,
    dependencies=[Depends(require_token)],
)
def sign_out() -> Response:
    answer = Response(status_code=204, headers=NO_STORE)
    answer.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return answer


SAFE_NEXT = re.compile(r"/(?![/\\])[A-Za-z0-9/_.~%?=&#+:@-]*")


def _next_path(value: str) -> str:
    """Where to go after signing in: a path of this site only (no ``//host``, no scheme, no whitespace or
    backslash a browser would fold into ``//``)."""
    return value if SAFE_NEXT.fullmatch(value) else "/review"


@router.get("/login", include_in_schema=False, response_class=HTMLResponse)
def login_page(request: Request, next_: Annotated[str, Query(alias="next", max_length=2000)] = "/review"):
    kb = request.app.state.kb
    return templates.TemplateResponse(
        request, "login.html", {"nav": "review", "kb_label": kb.dialect, "q": "", "next": _next_path(next_)}
    )


QUEUE_PAGE = 50


@router.get("/review", include_in_schema=False, response_class=HTMLResponse)
def queue_page(request: Request, session: SessionDep,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0):
    page = review_queue(session, limit=QUEUE_PAGE, offset=offset)
    rows = [(item, fact_label(item.kind, item.fact)) for item in page.items]
    kb = request.app.state.kb
    return templates.TemplateResponse(
        request, "review.html",
        {"nav": "review", "kb_label": kb.dialect, "q": "", "page": page, "rows": rows, "limit": QUEUE_PAGE},
    )

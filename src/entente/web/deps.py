"""What the app factory and the routers share: the Jinja templates (with their filters) and the request
dependencies (a session per request, the cross-pair overview, the signal that the KB changed).  The routers
(:mod:`~entente.web.api`, :mod:`~entente.web.pages`) import these from here, the factory
(:mod:`~entente.web.app`) imports the routers: no module imports the one that imports it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import __version__
from ..display import amount, number
from ..gazetteer import country_name
from ..kb import KB
from .overview import Overview

HERE = Path(__file__).parent

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["nice"] = lambda v: (v or "").replace("_", " ")
templates.env.globals["version"] = __version__


def _country_name(iso3: str | None) -> str:
    return (country_name(iso3) or iso3 or "") if iso3 else ""


templates.env.filters["cname"] = _country_name
templates.env.filters["amount"] = amount  # "US$7.4 bn", "6.4%", "1,711"
templates.env.filters["num"] = number  # "1,711"


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one session per request, closed afterwards."""
    kb: KB = request.app.state.kb
    with kb.session() as session:
        yield session


def overview_of(request: Request, session: Session) -> Overview:
    """The cross-pair overview (pairs, row counts, recent events, open commitments) of the KB as it is now."""
    generation = request.app.state.generation.token()
    return request.app.state.overview.get(session, dt.date.today(), generation)


def kb_changed(request: Request) -> None:
    """Write routes call this after their commit: cached answers and the overview are stale from now on."""
    request.app.state.generation.bump()

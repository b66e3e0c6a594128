"""What the app factory and the routers share: the Jinja templates (with their filters) and the request
dependencies (a session per request, the cross-pair overview, the signal that the KB changed), and the checks
of the query parameters both share (days, search filters: a wrong value is a 422 naming the parameter).  The routers
(:mod:`~entente.web.api`, :mod:`~entente.web.pages`) import these from here, the factory
(:mod:`~entente.web.app`) imports the routers: no module imports the one that imports it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from .. import __version__
from ..display import amount, number
from ..gazetteer import country_name
from ..kb import KB
from ..kb import queries as q
from ..kb.search import SearchFilters
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


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str | None, what: str) -> dt.date | None:
    """A query parameter that must be a real ``YYYY-MM-DD`` day (else a 422 naming the parameter)."""
    if value is None or value == "":
        return None
    try:
        if not DAY.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def search_filters(
    pair: str | None = None,
    country: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    evidence_only: bool = False,
) -> SearchFilters:
    """The filters of ``entente search`` from query parameters (the API's and the search page's): a pair is two
    countries (``JPN-MYS``, ``Japan,Malaysia``), dates are real days with ``since <= until``; else a 422.
    An unknown country raises :class:`~entente.kb.queries.UnknownCountry` (a 422 too)."""
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and first > last:
        raise HTTPException(422, f"until: {until!r} is before since {since!r}")
    pair, country, outlet = (pair or "").strip(), (country or "").strip(), (outlet or "").strip()
    codes = [c for c in re.split(r"[\s,/-]+", pair) if c] if pair else []
    if pair and len(codes) != 2:
        raise HTTPException(422, f"pair: {pair!r} is not two countries (e.g. JPN-MYS)")
    return SearchFilters(
        pair=tuple(sorted(q.resolve(c) for c in codes)) if codes else None,  # type: ignore[arg-type]
        country=q.resolve(country) if country else None,
        outlet=outlet or None,
        since=since or None,
        until=until or None,
        evidence_only=evidence_only,
    )

"""Server-rendered pages (Jinja2).  Every value reaches the HTML through autoescaping;
chart data travels as JSON data blocks drawn by ``static/charts.js``."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from ..kb import queries as q
from ..kb.review_fields import form_spec
from ..kb.reviews import list_reviews
from ..kb.search import search_filtered
from ..kb.store import reviews_of
from ..record import AGREEMENT_STATUS_ORDER
from . import charts
from .deps import get_session, overview_of, search_filters, templates
from .highlight import record_facts, segments
from .review_view import editable, reviewed_record
from .security import MAX_OFFSET

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
SessionDep = Annotated[Session, Depends(get_session)]
AGREEMENT_ORDER = AGREEMENT_STATUS_ORDER  # (defined once, in entente.record)
COMMITMENT_ORDER = ("overdue", "due", "pending", "fulfilled")
SNIPPET_MATCH = re.compile(r"\[([^\[\]]*)\]")


def render(request: Request, name: str, nav: str, **context: object) -> HTMLResponse:
    kb = request.app.state.kb
    context.setdefault("q", "")
    return templates.TemplateResponse(request, name, {"nav": nav, "kb_label": kb.dialect, **context})


def chart_json(**figures: dict | None) -> Markup:
    """Figures for ``charts.js`` as JSON safe inside a ``<script type="application/json">`` block."""
    text = json.dumps({k: v for k, v in figures.items() if v}, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def snippet_html(snippet: str) -> Markup:
    """A search snippet with its ``[match]`` markers as ``<mark>``; everything else escaped."""
    out, pos = [], 0
    for m in SNIPPET_MATCH.finditer(snippet):
        out.append(escape(snippet[pos:m.start()]))
        out.append(Markup("<mark>") + escape(m.group(1)) + Markup("</mark>"))
        pos = m.end()
    out.append(escape(snippet[pos:]))
    return Markup("").join(out)


@router.get("/")
def home(request: Request, session: SessionDep):
    overview = overview_of(request, session)
    names = {c: c for p in overview.pairs for c in p.pair}
    figure = charts.network_figure(overview.pairs, names) if overview.pairs else None
    countries = sorted({c for p in overview.pairs for c in p.pair})
    return render(request, "home.html", "home", overview=overview, countries=countries,
                  charts=chart_json(network=figure), stats=overview.stats)


@router.get("/pair/{a}/{b}")
def pair_page(request: Request, session: SessionDep, a: Annotated[str, Path(max_length=80)],
              b: Annotated[str, Path(max_length=80)]):
    x, y = sorted([q.resolve(a), q.resolve(b)])
    if [a, b] != [x, y]:
        return RedirectResponse(f"/pair/{quote(x)}/{quote(y)}", status_code=307)
    prof = q.profile(session, x, y, today=dt.date.today())
    agreements = [(s, prof.agreements[s]) for s in AGREEMENT_ORDER if prof.agreements.get(s)]
    agreements += [(s, v) for s, v in prof.agreements.items() if s not in AGREEMENT_ORDER and v]
    commitments = [(s, prof.commitments[s]) for s in COMMITMENT_ORDER if prof.commitments.get(s)]
    figures_ = {"events": charts.events_figure(prof.events), "levels": charts.levels_figure(prof.levels)}
    return render(request, "pair.html", "", p=prof, agreements=agreements, commitments=commitments,
                  charts=chart_json(**figures_), has=figures_, documents=profile_documents(prof))


def profile_documents(prof: q.PairProfile) -> list[tuple[q.SourceRef, int]]:
    """Every document cited by a fact of the profile, with how many facts cite it; newest first."""
    seen: dict[str, q.SourceRef] = {}
    counts: dict[str, int] = {}
    facts: list = [*prof.levels, *prof.events, *prof.areas, *prof.figures]
    facts += [x for items in prof.agreements.values() for x in items]
    facts += [x for items in prof.commitments.values() for x in items]
    for fact in facts:
        for src in fact.sources:
            seen.setdefault(src.doc_id, src)
            counts[src.doc_id] = counts.get(src.doc_id, 0) + 1
    ordered = sorted(seen.values(), key=lambda s: (s.published or "", s.name), reverse=True)
    return [(s, counts[s.doc_id]) for s in ordered]


@router.get("/country/{country}")
def country_page(request: Request, session: SessionDep, country: Annotated[str, Path(max_length=80)]):
    iso = q.resolve(country)
    if iso != country:
        return RedirectResponse(f"/country/{quote(iso)}", status_code=307)
    summaries = [p for p in overview_of(request, session).pairs if iso in p.pair]
    partners = sorted({c for p in summaries for c in p.pair if c != iso})
    matrix = q.compare(session, iso, partners) if partners else None
    recent = [e for e in q.timeline(session, iso, latest=15) if e.date][::-1]  # newest first
    return render(request, "country.html", "", iso=iso, summaries=summaries, matrix=matrix, recent=recent,
                  charts=chart_json(heatmap=charts.heatmap_figure(matrix) if matrix else None))


@router.get("/documents")
def documents_page(request: Request, session: SessionDep,
                   offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0, limit: Annotated[int, Query(ge=1, le=200)] = 50):
    page = q.documents(session, limit=limit, offset=offset)
    return render(request, "documents.html", "documents", page=page)


@router.get("/document/{doc_id}")
def document_page(request: Request, session: SessionDep,
                  doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{8,64}$")]):
    view = q.document(session, doc_id)
    doc = view.summary.id
    shown, rejected = reviewed_record(view.record, reviews_of(session, [doc]).get(doc, []))
    facts = record_facts(shown, len(view.text))
    groups: dict[str, list] = {}
    for fact in facts:
        groups.setdefault(fact.group, []).append(fact)
    review_data = {
        "doc_id": doc,
        "pairs": [sorted(rel["pair"]) for rel in view.record.get("relations") or []],
        "fields": form_spec(),
    }
    return render(
        request, "document.html", "documents", d=view, facts=facts, groups=groups,
        segments=segments(view.text, facts), span_count=sum(len(f.spans) for f in facts),
        record_json=json.dumps(view.record, ensure_ascii=False, indent=2), rejected=rejected,
        editable=editable, reviews=list_reviews(session, doc), review_json=chart_json(review=review_data),
    )


SEARCH_PAGE = 20  # hits per search page
SEARCH_PAGES = 10  # pages a search can be followed through


@router.get("/search")
def search_page(request: Request, session: SessionDep,
                q_: Annotated[str, Query(alias="q", max_length=500)] = "",
                page: Annotated[int, Query(ge=1, le=SEARCH_PAGES)] = 1,
                pair: Annotated[str, Query(max_length=80, description="e.g. JPN-MYS")] = "",
                country: Annotated[str, Query(max_length=80)] = "",
                outlet: Annotated[str, Query(max_length=200)] = "",
                since: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
                until: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = ""):
    offset = (page - 1) * SEARCH_PAGE
    form = {"pair": pair.strip(), "country": country.strip(), "outlet": outlet.strip(), "since": since,
            "until": until}
    filters = search_filters(**form)
    found = search_filtered(session, q_, filters, limit=SEARCH_PAGE + 1, offset=offset) if q_.strip() else []
    hits = found[:SEARCH_PAGE]
    more = len(found) > SEARCH_PAGE and page < SEARCH_PAGES
    query = urlencode({"q": q_, **{k: v for k, v in form.items() if v}})
    return render(request, "search.html", "search", q=q_, hits=[(h, snippet_html(h.snippet)) for h in hits],
                  first=offset + 1, page=page, more=more, form=form, query=query)

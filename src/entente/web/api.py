"""The JSON API under ``/api/``: the same query functions as the CLI, as HTTP.

Reading is open.  ``POST /api/documents`` needs the write token (see
:mod:`entente.web.security`); it takes JSON ``{"text": ...}`` or a multipart
upload of a ``.txt``, ``.html`` or ``.pdf`` file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import tempfile
import zipfile
from pathlib import Path as FsPath
from pathlib import PurePosixPath
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, field_validator
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from ..kb import queries as q
from ..kb.search import search_filtered
from ..read.document import unicode_problem
from .contract import ErrorBody
from .deps import get_session, kb_changed, overview_of, parse_day, search_filters
from .security import MAX_OFFSET, require_token

router = APIRouter(prefix="/api", tags=["knowledge base"])
SessionDep = Annotated[Session, Depends(get_session)]
Country = Annotated[str, Path(min_length=2, max_length=80, description="ISO3 code, name or demonym")]
UPLOAD_FORMATS = (".txt", ".text", ".md", ".html", ".htm", ".pdf")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class IngestText(BaseModel):
    """A document posted as JSON."""

    text: str = Field(min_length=1, description="The article text (plain text).")
    name: str = Field(default="posted.txt", min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")

    @field_validator("text", "name", "title", "outlet", "url")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        if value is not None and (problem := unicode_problem(value)) is not None:
            raise ValueError(problem)
        return value

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:  # the pattern checked the shape; the month and day must exist too
            try:
                dt.date.fromisoformat((value + "-01-01")[:10])
            except ValueError:
                raise ValueError(f"{value!r} is not a date") from None
        return value


@functools.cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def answer(value: BaseModel | list[BaseModel]) -> Response:
    """A query result (a model or a list of models) as JSON, serialised by pydantic in one step.

    The declared ``response_model`` still documents the route; returning the bytes skips FastAPI's
    second validation of an object the query layer has just built (and its extra thread-pool hop)."""
    if isinstance(value, BaseModel):
        body = value.model_dump_json().encode()
    else:
        body = _list_adapter(type(value[0])).dump_json(value) if value else b"[]"
    return Response(body, media_type="application/json")


def _unprocessable(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


@router.get("/documents", response_model=q.DocumentPage, summary="Stored documents, newest first")
def list_documents(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    return answer(q.documents(session, limit=limit, offset=offset))


@router.get("/documents/{doc_id}", response_model=q.DocumentView, summary="One document with its record")
def get_document(
    session: SessionDep, doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{8,64}$")]
) -> Response:
    return answer(q.document(session, doc_id))


@router.post(
    "/documents",
    response_model=q.IngestResult,
    status_code=201,
    summary="Ingest a text (JSON) or an uploaded file (multipart: txt, html, pdf)",
    dependencies=[Depends(require_token)],
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": IngestText.model_json_schema()},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary", "description": ".txt, .html or .pdf"},
            "published": {"type": "string", "description": "YYYY-MM-DD"},
        }}},
    }}},
)
async def post_document(request: Request, session: SessionDep):
    try:
        result = await _ingest_request(request, session)
    finally:  # even a failed ingest may have committed a batch
        kb_changed(request)
    if result.failures and not result.doc_ids:
        raise _unprocessable("; ".join(f"{src}: {reason}" for src, reason in result.failures))
    return JSONResponse(result.model_dump(mode="json"), status_code=201 if result.added or result.reextracted else 200)


async def _ingest_request(request: Request, session: Session) -> q.IngestResult:
    """Read the posted document and ingest it (the extraction runs in the thread pool, not in the event loop)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        return await _ingest_upload(request, session)
    if ctype in ("application/json", ""):
        raw = await request.body()
        try:
            payload = IngestText.model_validate(json.loads(raw.decode("utf-8") if raw else "null"))
        except UnicodeDecodeError as e:
            raise _unprocessable(f"body is not UTF-8 (byte {e.start}): send JSON in UTF-8") from None
        except json.JSONDecodeError as e:
            raise _unprocessable(f"body is not valid JSON: {e.msg} at position {e.pos}") from None
        except ValidationError as e:
            raise _unprocessable(_pydantic_message(e)) from None
        return await run_in_threadpool(
            q.ingest_text, session, payload.text, name=payload.name, title=payload.title,
            outlet=payload.outlet, url=payload.url, published=payload.published)
    raise HTTPException(status_code=415, detail=f"unsupported content type {ctype!r}: send JSON or multipart")


@router.delete(
    "/documents/{doc_id}",
    response_model=q.DocumentSummary,
    summary="Delete a document and every fact extracted from it",
    dependencies=[Depends(require_token)],
)
def remove_document(
    request: Request, session: SessionDep, doc_id: Annotated[str, Path(pattern=r"^[0-9a-f]{8,64}$")]
) -> Response:
    from .writes import delete_document

    try:
        summary = delete_document(session, doc_id)
    finally:
        kb_changed(request)
    return answer(summary)


async def _ingest_upload(request: Request, session: Session) -> q.IngestResult:
    from ..read import ReadError, read_bytes

    try:
        form = await request.form()
    except HTTPException as e:  # Starlette answers 400 on bad multipart framing: it is bad input
        if e.status_code != 400:
            raise
        raise _unprocessable(f"malformed multipart body: {e.detail}") from None
    except Exception as e:
        raise _unprocessable(f"malformed multipart body: {e}") from None
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise _unprocessable("multipart body needs a 'file' field holding the document")
    name = PurePosixPath(upload.filename or "upload.txt").name or "upload.txt"
    fmt = PurePosixPath(name).suffix.lower()
    if fmt not in UPLOAD_FORMATS:
        raise _unprocessable(f"file {name!r}: unsupported type (accepted: {', '.join(UPLOAD_FORMATS)})")
    published = form.get("published")
    if published is not None and (not isinstance(published, str) or not _is_date(published)):
        raise _unprocessable("published: not a date (YYYY-MM-DD)")
    data = await upload.read()
    if not data:
        raise _unprocessable(f"file {name!r} is empty")
    # parsing (HTML main text, PDF) takes seconds for a big file: in the thread pool, never on the event loop
    items = await run_in_threadpool(lambda: list(read_bytes(data, name, f"upload:{name}", fmt)))
    if not any(not isinstance(i, ReadError) for i in items):
        reasons = "; ".join(i.reason for i in items if isinstance(i, ReadError)) or "no text found"
        raise _unprocessable(f"file {name!r}: {reasons}")
    return await run_in_threadpool(q.ingest_documents, session, items,  # type: ignore[arg-type]
                                   published=published or None)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _pydantic_message(e: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(x) for x in err['loc']) or 'body'}: {err['msg']}" for err in e.errors()
    )


@router.get("/pairs", response_model=list[q.PairSummary], summary="Every pair with level, last event, counts")
def list_pairs(request: Request, session: SessionDep) -> Response:
    return answer(overview_of(request, session).pairs)


@router.get("/pairs/{a}/{b}", response_model=q.PairProfile, summary="The merged profile of one pair")
def pair_profile(
    session: SessionDep, a: Country, b: Country,
    today: Annotated[str | None, Query(description="Date deadline states are computed against")] = None,
    items: Annotated[int, Query(ge=1, le=100_000, description=(
        f"Items per list (default {q.DEFAULT_ITEMS}; `omitted` counts the rest); more than the default "
        "reads every merged fact of the pair and is slower"))] = q.DEFAULT_ITEMS,
) -> Response:
    return answer(q.profile(session, a, b, today=parse_day(today, "today"), max_items=items))


@router.get("/timeline/{country}", response_model=list[q.TimelineEntry], summary="Timeline of one country")
def country_timeline(
    session: SessionDep, country: Country,
    partner: Annotated[str | None, Query(alias="with", max_length=80, description="Only this partner")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="Entries of this page (the most recent)")] = (
        q.DEFAULT_TIMELINE),
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=(
        "Skip the `offset` most recent entries (the pages before)"))] = 0,
) -> Response:
    return answer(q.timeline(session, country, partner, since=parse_day(since, "since"), limit=limit,
                             offset=offset))


@router.get("/compare/{country}", response_model=q.AreaMatrix, summary="Areas × partners matrix")
def compare_partners(
    session: SessionDep, country: Country,
    partners: Annotated[list[str], Query(description="Partners (repeat, or comma-separated)")],
) -> Response:
    names = [p.strip() for item in partners for p in item.split(",") if p.strip()]
    if not names:
        raise _unprocessable("partners: give at least one partner country")
    return answer(q.compare(session, country, names))


@router.get("/search", response_model=list[q.SearchHit],
            summary="Full-text search over evidence sentences and document texts, with filters")
def search_evidence(
    session: SessionDep,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=500, description="Search words")],
    pair: Annotated[str | None, Query(max_length=80, description="Only hits about this pair, e.g. JPN-MYS")] = None,
    country: Annotated[str | None, Query(max_length=80, description="Only hits about this country")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Only documents of this outlet (part of "
                                                                      "its name, case-insensitive)")] = None,
    since: Annotated[str | None, Query(max_length=10, description="Published from this day (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(max_length=10, description="Published up to this day (YYYY-MM-DD)")] = None,
    evidence_only: Annotated[bool, Query(description="Only sentences cited as evidence of a fact")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=1000, description="Skip this many of the best hits (paging)")] = 0,
) -> Response:
    """Evidence sentences first (``match: "evidence"``), then documents whose title or text matches
    (``match: "text"``), like ``entente search``; the filters are the command's."""
    if not q_.strip():
        raise _unprocessable("q: search words are blank")
    filters = search_filters(pair, country, outlet, since, until, evidence_only)
    return answer(search_filtered(session, q_, filters, limit=limit, offset=offset))


@router.get("/people", response_model=list[q.PersonView], summary="Merged people")
def list_people(
    session: SessionDep,
    country: Annotated[str | None, Query(max_length=80, description="Only people of this country")] = None,
) -> Response:
    return answer(q.people(session, country))


@router.get("/stats", summary="Row counts of the knowledge base")
def kb_stats(request: Request, session: SessionDep) -> dict[str, int]:
    return overview_of(request, session).stats


EXPORT_TYPES = {".csv": "text/csv", ".jsonl": "application/x-ndjson", ".parquet": "application/vnd.apache.parquet",
                ".graphml": "application/graphml+xml", ".zip": "application/zip"}


@router.get(
    "/export/{fmt}",
    summary="Download an export: csv | jsonl | parquet (zip of tables), graphml, plover (JSONL)",
    description=(
        "One export is built at a time (in a thread of its own, so reads go on meanwhile); a request while one "
        "is being built answers 429 with `Retry-After`. The file is then streamed. CSV cells that a spreadsheet "
        "would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`."),
    response_class=FileResponse,
    responses={200: {"content": {t: {} for t in sorted(set(EXPORT_TYPES.values()))}},
               429: {"description": "another export is being built: retry later", "model": ErrorBody}},
)
async def export_download(request: Request, fmt: str) -> Response:
    from ..export import FORMATS

    if fmt not in FORMATS:
        raise _unprocessable(f"fmt: unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    state = request.app.state
    if getattr(state, "export_busy", False):
        raise HTTPException(status_code=429, detail="another export is being built: retry in a few seconds",
                            headers={"Retry-After": str(EXPORT_RETRY_AFTER)})
    state.export_busy = True  # (checked and set on the event loop: no other request runs in between)
    try:
        path, name, workdir = await anyio.to_thread.run_sync(_build_export, state.kb, fmt, limiter=_export_limiter())
    finally:
        state.export_busy = False
    media = EXPORT_TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media, filename=name,
                        background=BackgroundTask(shutil.rmtree, workdir, ignore_errors=True))


EXPORT_RETRY_AFTER = 5


@functools.cache
def _export_limiter() -> anyio.CapacityLimiter:
    """The one thread exports are built in: not one of the pool's threads that serve the reads."""
    return anyio.CapacityLimiter(1)


def _build_export(kb, fmt: str) -> tuple[FsPath, str, FsPath]:
    """Build the export ``fmt`` in a fresh folder: (file to send, its download name, the folder to remove)."""
    from ..export import export

    workdir = FsPath(tempfile.mkdtemp(prefix="entente-export-"))
    try:
        with kb.session() as session:
            files = export(session, fmt, workdir / "out")
        if len(files) == 1:
            path = files[0]
            name = path.name if fmt != "plover" else f"entente-plover{path.suffix or '.jsonl'}"
        else:
            path = workdir / f"entente-{fmt}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
                for f in files:
                    zf.write(f, arcname=f.name)
            name = path.name
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return path, name, workdir

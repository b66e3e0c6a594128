"""``/api/reviews``: analysts' reviews of facts as HTTP (the same functions as ``entente review``).

Reading is open; writing a review needs the write token (:func:`entente.web.security.require_token`: the
token, or a browser session with its CSRF token), like every other write route. The fields a review sets are
checked against the SPEC vocabularies (:mod:`entente.kb.review_fields`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ..kb.review_fields import FieldError, check_fields
from ..kb.reviews import FactItem, ReviewError, ReviewView, SpanIn, add_review, document_facts, list_reviews
from .deps import get_session, kb_changed
from .security import require_token

router = APIRouter(prefix="/api", tags=["reviews"])
SessionDep = Annotated[Session, Depends(get_session)]
DocId = Annotated[str, Query(pattern=r"^[0-9a-f]{6,64}$", description="A document id (or a unique prefix)")]


class ReviewIn(BaseModel):
    """A review to write: ``key`` names an extracted fact (accept, reject, correct); ``add`` gives ``pair``,
    ``fields`` and the evidence ``spans`` instead."""

    doc_id: str = Field(pattern=r"^[0-9a-f]{6,64}$")
    kind: Literal["event", "level", "area", "agreement", "commitment", "figure"]
    action: Literal["accept", "reject", "correct", "add"]
    key: str | None = Field(default=None, max_length=2000)
    pair: list[str] | None = Field(default=None, min_length=2, max_length=2)
    fields: dict = Field(default_factory=dict)
    spans: list[SpanIn] = Field(default_factory=list, max_length=20)
    reviewer: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=5000)


@router.get(
    "/reviews", response_model=list[ReviewView], summary="Every review (of one document), oldest first"
)
def get_reviews(session: SessionDep, doc_id: DocId | None = None, orphaned: bool = False) -> list[ReviewView]:
    return list_reviews(session, doc_id, orphaned_only=orphaned)


@router.get(
    "/reviews/facts", response_model=list[FactItem], summary="A document's facts with their review keys"
)
def get_facts(session: SessionDep, doc_id: DocId) -> list[FactItem]:
    return document_facts(session, doc_id)


@router.post(
    "/reviews",
    response_model=ReviewView,
    status_code=201,
    summary="Write a review and apply it",
    dependencies=[Depends(require_token)],
)
async def post_review(request: Request, session: SessionDep, review: ReviewIn) -> ReviewView:
    try:
        check_fields(review.kind, review.action, review.fields)
    except FieldError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None

    def write() -> ReviewView:
        return add_review(
            session,
            review.doc_id,
            review.kind,
            review.action,
            key=review.key,
            pair=review.pair,
            fields=review.fields,
            spans=[s.model_dump() for s in review.spans],
            reviewer=review.reviewer,
            note=review.note,
        )

    try:
        return await run_in_threadpool(write)
    except ReviewError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None
    finally:
        kb_changed(request)

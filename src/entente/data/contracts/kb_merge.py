"""``kb_merge.json``: the settings of the KB's merge rules (:mod:`entente.kb.rules`).  Status ranks are not
here: they are defined once in :mod:`entente.record` (``STATUS_RANK``, ``AGREEMENT_STATUS_RANK``)."""

from __future__ import annotations

from pydantic import Field

from ...record import AgreementKind, AgreementStatus, EventKind
from .. import DataContract


class Contract(DataContract):
    event_window_days: int = Field(ge=0)  # days apart two reports of one event may date it
    event_kind_groups: dict[EventKind, str]  # event kind -> the group whose kinds merge with one another
    agreement_done: list[AgreementStatus]  # agreement statuses that mean it was done (fulfil a commitment, date it)
    agreement_kind_words: dict[AgreementKind, str]  # agreement kind -> the words a commitment names it by
    title_similarity: float = Field(ge=0, le=1)  # Jaccard of title words: one agreement
    commitment_similarity: float = Field(ge=0, le=1)  # Jaccard of commitment words: one commitment
    fulfilment_overlap: float = Field(ge=0, le=1)  # share of a commitment's words a fulfilling agreement has
    figure_tolerance: float = Field(ge=0, lt=1)  # relative difference within which figure values are one
    due_within_days: int = Field(ge=0)  # a deadline this close is "due"
    stopwords: list[str]  # words that do not distinguish agreement titles or commitments
    commitment_verbs: list[str]  # further words that do not distinguish commitments
    remote_event_words: list[str] = []  # words of an event's sentence that make it a call, not in person

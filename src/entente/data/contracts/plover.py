"""``plover.json``: our mapping of entente facts onto PLOVER-style event types, modes and contexts
(:mod:`entente.export.plover`).  Every kind, status and area named is one of the SPEC vocabularies."""

from __future__ import annotations

from pydantic import field_validator

from ...record import AgreementStatus, AreaId, EventKind, Status
from .. import DataContract


class Contract(DataContract):
    consult_kinds: list[EventKind]  # events exported as CONSULT
    support_kinds: list[EventKind]  # events exported as SUPPORT (a signing)
    plan_statuses: list[Status]  # event statuses that make an event a plan
    done_statuses: list[Status]  # event statuses that make an event done
    agreement_signed: list[AgreementStatus]  # agreement statuses exported as an agreement reached
    agreement_plan: list[AgreementStatus]  # agreement statuses exported as an agreement planned
    area_contexts: dict[AreaId, str]  # area -> PLOVER-style context label

    @field_validator("area_contexts")
    @classmethod
    def _labels(cls, contexts: dict[str, str]) -> dict[str, str]:
        if bad := sorted(a for a, label in contexts.items() if not label.strip()):
            raise ValueError(f"areas with an empty context label: {bad}")
        return contexts

"""Turn the final pipeline state into an ``entente.record/1`` Record."""

from __future__ import annotations

from ..record import DocInfo, Record
from .state import State


def assemble(state: State) -> Record:
    document = state.document
    relations = [rel for _, rel in sorted(state.relations.items())]
    sha256 = document.sha256  # hashed once (a property)
    info = DocInfo(
        id=sha256,
        name=document.name,
        title=state.title,
        outlet=state.outlet,
        url=document.url,
        dateline=state.dateline,
        published=state.published,
        text_sha256=sha256,
        chars=len(state.text),
    )
    return Record(doc=info, people=state.people, organizations=state.organizations, relations=relations, warnings=state.warnings)

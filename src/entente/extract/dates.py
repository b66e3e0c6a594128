"""Temporal expressions of the document as ``DateMention`` objects.

This component finds the expressions (``temporal.find_expressions``) and reads the
tense of each clause.  When the publication date is already known (metadata) it
resolves them right away; otherwise ``entente_published`` (next in the pipeline)
infers the publication date and resolves every mention against it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .published import expressions_of, metadata_bases, resolve_mentions
from .state import DateMention, State


@Language.component("entente_dates")
def dates_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    expressions = expressions_of(doc, state)
    state.dates = [
        DateMention(start, end, None, f"temporal:{e.kind}:{tense}")
        for (start, end), (e, tense) in sorted(expressions.items())
    ]
    if state.published.date:
        resolve_mentions(state, expressions, metadata_bases(state.published))
    return doc

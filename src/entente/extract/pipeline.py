"""The spaCy pipeline, built once: blank English, a sentencizer (``sentences.py``) and our components.

No pretrained model is available offline, so every component is rules, matchers
and curated data.  Components run in the order of :data:`COMPONENTS`; each is a
small function over a ``Doc`` that reads and extends ``doc._.entente``.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import sys
from functools import cache

import spacy
from spacy.attrs import IS_PUNCT
from spacy.language import Language
from spacy.tokens import Doc

from ..gcpause import collector_paused
from ..read.budget import time_budget
from ..read.document import Document
from ..record import Published, Record
from .affixes import faster_affix_searches
from .state import State

# (module under entente.extract, spaCy component name) in pipeline order.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("paragraphs", "entente_paragraphs"),
    ("dateline", "entente_dateline"),
    ("countries", "entente_countries"),
    ("places", "entente_places"),
    ("people", "entente_people"),
    ("organizations", "entente_organizations"),
    ("dates", "entente_dates"),
    ("published", "entente_published"),
    ("relations", "entente_relations"),
    ("events", "entente_events"),
    ("levels", "entente_levels"),
    ("areas", "entente_areas"),
    ("agreements", "entente_agreements"),
    ("commitments", "entente_commitments"),
    ("figures", "entente_figures"),
)

if not Doc.has_extension("entente"):
    Doc.set_extension("entente", default=None)


def build_nlp(components: tuple[tuple[str, str], ...] = COMPONENTS) -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    _keep_used_lexeme_attributes(nlp)
    faster_affix_searches(nlp.tokenizer, nlp.Defaults.suffixes)  # the same tokens, faster (see affixes.py)
    importlib.import_module(f"{__package__}.sentences")  # registers entente_sentences
    nlp.add_pipe("entente_sentences")  # spaCy's sentencizer, computed over token arrays
    for module, name in components:
        importlib.import_module(f"{__package__}.{module}")  # registers the component
        nlp.add_pipe(name)
    return nlp


def _keep_used_lexeme_attributes(nlp: Language) -> None:
    """Compute only the lexical attribute we read for each word the vocabulary meets for the first time.

    spaCy fills some twenty attributes of a new lexeme (shape, like_num, like_url, is_stop ...), each by a
    Python function: most of the tokenizer's cost on text it has not seen.  Our components read the text
    and the sentences only, and the sentencizer reads ``is_punct``: the other getters are dropped, so
    ``Token.like_num``, ``shape_``, ``is_stop`` etc. are *not* set on our docs.
    """
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {IS_PUNCT: getters[IS_PUNCT]}


def initial_published(document: Document, published: str | None) -> Published:
    """The caller's or the metadata's publication date, if it parses."""
    from .published import parse_metadata_date

    for value in (published, document.published):
        if value:
            parsed = parse_metadata_date(value)
            if parsed is not None:
                return Published(date=parsed[0], precision=parsed[1], basis="metadata")
    return Published()


def load_tables() -> None:
    """Load every table the components build on first use (the zero-argument cached functions of the
    ``entente.extract`` modules: gazetteers, lexicons, compiled patterns), so that no document pays for
    them (about half a second, otherwise spread over the first documents that need each)."""
    prefix = f"{__package__}."
    for name, module in sorted(sys.modules.items()):
        if not name.startswith(prefix) or module is None or name == __name__:
            continue
        for obj in list(vars(module).values()):
            if not (callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", None) == name):
                continue
            try:
                params = inspect.signature(obj).parameters.values()
            except (TypeError, ValueError):
                continue
            if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
                try:
                    obj()
                except Exception:  # noqa: BLE001 - only a preload: a table that fails, fails where it is used
                    pass


class Extractor:
    """Builds the pipeline once (and loads its tables); :meth:`extract` turns a Document into a Record."""

    def __init__(self) -> None:
        self.nlp = build_nlp()
        load_tables()

    def run(self, document: Document, published: str | None = None) -> State:
        doc = self.nlp.make_doc(document.text)
        state = State(document=document, text=document.text, title=document.title, outlet=document.outlet)
        state.published = initial_published(document, published)
        state.warnings.extend(document.warnings)
        doc._.entente = state
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return state

    def extract(self, document: Document, published: str | None = None, explain: dict | None = None) -> Record:
        """The record of ``document``; with ``explain`` (a dict), also what ``--explain`` shows beyond the
        record (``explain["published"]``: the publication-date rule and the candidate years)."""
        from .assemble import assemble

        with collector_paused(), time_budget(f"extraction of {document.name}"):
            state = self.run(document, published)
            if explain is not None:
                explain["published"] = state.published_explain
            record = assemble(state)
            # Freed by reference counting while the collector is still paused: the collection its resumption
            # soon triggers then walks only what lives on (the record, new cache entries), not the document's
            # tokens and mentions (about a third of the young objects).
            del state
        return record



@cache
def default_extractor() -> Extractor:
    return Extractor()


_WARM_UP = ("WASHINGTON, March 3 - France and Japan signed a memorandum of understanding on energy on Tuesday, "
            "the ministers said.\n")


def _warmed_up() -> Extractor:
    """The pipeline built and run once (lazily built caches filled)."""
    extractor = default_extractor()
    try:
        extractor.extract(Document(text=_WARM_UP, name="warm-up"))
    except Exception:  # noqa: BLE001 - only a warm-up: a failing pipeline fails on (and is reported for) each document
        pass
    return extractor


def prepared_extractor(freeze: bool = True) -> Extractor:
    """The pipeline built and run once (lazily built caches filled), then, with ``freeze``, the heap moved to
    the permanent generation (:func:`gc.freeze`): collections no longer walk spaCy's and the lexicons'
    objects, and processes forked afterwards never write to those shared pages when they collect.  With
    ``freeze`` the collector is paused while the pipeline is built (hundreds of collections walking the growing
    tables, ~0.15 s of a 0.7 s start-up): the one collection before freezing frees any cycles left."""
    with collector_paused(freeze):
        extractor = _warmed_up()
    if freeze:
        gc.collect()
        gc.freeze()
    return extractor

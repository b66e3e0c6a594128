"""The pair network as GraphML: countries are nodes, pairs are edges with level and counts.

An edge's ``reviewed`` counts the pair's merged facts an analyst accepted, corrected or added (the facts
themselves, each with its provenance, are in the table and PLOVER exports)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from sqlalchemy.orm import Session

from ..gazetteer import country_name
from ..kb import queries as q
from ..kb.lookups import reviewed_counts


def build_graph(session: Session) -> nx.Graph:
    g = nx.Graph()
    reviewed = reviewed_counts(session)
    for s in q.pairs(session):
        for iso3 in s.pair:
            if iso3 not in g:
                g.add_node(iso3, label=country_name(iso3) or iso3, iso3=iso3)
        g.add_edge(*s.pair, level=s.level or "", documents=s.documents, events=s.events, areas=s.areas,
                   agreements=s.agreements, commitments=s.commitments, figures=s.figures, conflicts=s.conflicts,
                   last_event=(s.last_event.date or "") if s.last_event else "",
                   reviewed=reviewed.get(tuple(s.pair), 0), weight=s.documents)
    for iso3, degree in g.degree():
        g.nodes[iso3]["partners"] = degree
    return g


def write_graphml(session: Session, out: Path) -> Path:
    path = out / "pairs.graphml"
    nx.write_graphml(build_graph(session), path)
    return path

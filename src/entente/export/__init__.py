"""Exports of the knowledge base: flat tables (csv, jsonl, parquet), a GraphML network, PLOVER-style events."""

from .run import FORMATS, export

__all__ = ["FORMATS", "export"]

"""Readers: files, folders, JSONL and stdin -> normalised :class:`Document` objects."""

from .document import Document, ReadError, normalise
from .formats import read_bytes
from .sources import expand_paths, read_path, read_paths

__all__ = ["Document", "ReadError", "normalise", "read_bytes", "expand_paths", "read_path", "read_paths"]

"""The web dashboard and JSON API (FastAPI): ``create_app(db_url)``; run with ``entente serve``."""

from .app import create_app

__all__ = ["create_app"]

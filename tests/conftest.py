from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    from entente.extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: seeds and scorer are only beside the project in CI/dev")
    return SHARED


def _kb_backends() -> list:
    from entente.kb.testing import pg_server_url

    return [
        "sqlite",
        pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(
            not pg_server_url(),
            reason="ENTENTE_TEST_PG_URL is not set: no PostgreSQL server here (.ci/run starts one)")]),
    ]


# The KB suites run on SQLite and, when a server is given, on PostgreSQL.
KB_BACKENDS = _kb_backends()


@pytest.fixture(params=KB_BACKENDS)
def kb(request, tmp_path):
    """An empty knowledge base on each backend."""
    from entente.kb import open_kb
    from entente.kb.testing import fresh_database

    with fresh_database(request.param, tmp_path) as url:
        handle = open_kb(url)
        yield handle
        handle.close()

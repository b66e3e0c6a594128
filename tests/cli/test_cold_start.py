"""Query processes start fast: the KB, the web app and the exports never load spaCy or the extraction
pipeline (the country tables are :mod:`entente.gazetteer`), and opening a KB already at the newest
migration does not load Alembic.  Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_query_modules_leave_spacy_unloaded():
    loaded = _modules_after(
        "import entente.kb.queries, entente.web.app, entente.export, entente.export.graph"
    )
    assert "spacy" not in loaded
    assert not {m for m in loaded if m.startswith("entente.extract")}


def test_gazetteer_lookups_without_spacy():
    loaded = _modules_after(
        "from entente.gazetteer import country_name, resolve_country\n"
        "assert resolve_country('japanese') == 'JPN'\n"
        "assert country_name('THA') == 'Thailand' and resolve_country('nowhere land') is None"
    )
    assert "spacy" not in loaded


def test_extract_countries_re_exports_the_gazetteer():
    from entente import gazetteer
    from entente.extract import countries

    assert countries.resolve_country is gazetteer.resolve_country
    assert countries.country_name is gazetteer.country_name
    assert countries.countries is gazetteer.countries


def test_opening_a_kb_at_head_skips_alembic(tmp_path):
    db = tmp_path / "kb.db"
    fresh = _modules_after(f"from entente.kb import open_kb\nopen_kb({str(db)!r}).close()")
    assert "alembic" in fresh  # a new KB is migrated
    again = _modules_after(
        f"from entente.kb import open_kb, queries\nkb = open_kb({str(db)!r})\n"
        "with kb.session() as s: queries.pairs(s)"
    )
    assert "alembic" not in again and "spacy" not in again


def test_head_revisions_are_alembics_heads():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from entente.kb.db import MIGRATIONS, head_revisions

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revisions() == frozenset(ScriptDirectory.from_config(config).get_heads())


def test_bench_cold_start_measures_the_ratio(tmp_path):
    from entente.bench.coldstart import measure
    from entente.kb import open_kb

    db = tmp_path / "cold.db"
    open_kb(str(db)).close()  # (an empty KB: ``pairs`` answers with an empty table)
    out = measure(db, runs=1)
    assert out["cold_pairs_seconds"] > 0 and out["cold_python_seconds"] > 0
    assert out["cold_pairs_ratio"] == out["cold_pairs_seconds"] / out["cold_python_seconds"]
    assert out["cold_command"].startswith("entente pairs --db")

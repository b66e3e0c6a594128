"""Query processes start fast: the KB, the web app and the exports never load spaCy or the extraction
pipeline (the country tables are :mod:`entente.gazetteer`), opening a KB already at the newest
migration does not load Alembic, and the query commands on an SQLite KB read it with the standard
library, without SQLAlchemy.  Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor
from kb_corpus import corpus


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


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("cold") / "kb.db"
    kb = open_kb(path)
    articles = corpus()
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
    kb.close()
    return str(path)


def _command_modules(*args: str) -> tuple[str, set[str]]:
    """What ``entente <args>`` prints, and the modules its process loaded (read after the command ended)."""
    probe = (
        "import json, sys\n"
        f"sys.argv = ['entente', *{list(args)!r}]\n"
        "from entente.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print('\\nMODULES', json.dumps([code, sorted(sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    printed, _, modules = out.rpartition("\nMODULES ")
    code, loaded = json.loads(modules)
    assert code in (0, None), printed
    return printed, set(loaded)


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    return [_without_ids(v) for v in value] if isinstance(value, list) else value


HEAVY = ("sqlalchemy", "alembic", "spacy", "entente.extract")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("show", "JPN", "MYS"), "Japan"),
        (("show", "Japan", "malaysian", "--json"), '"JPN"'),
        (("pairs",), "Japan"),
        (("pairs", "--csv"), "JPN;MYS,Japan;Malaysia"),
        (("timeline", "MYS"), "JPN"),
        (("timeline", "JPN", "--with", "MYS", "--limit", "1", "--offset", "1", "--json"), '"partner": "MYS"'),
        (("compare", "MYS"), "JPN"),
        (("people", "--country", "JPN"), "Ishiba"),
        (("documents", "--pair", "JPN-MYS", "--since", "2024-11-21"), "a2.txt"),
        (("stats", "--json"), '"documents": 6'),
    ],
)
def test_query_commands_read_sqlite_without_sqlalchemy(small_kb, args, shown):
    printed, loaded = _command_modules(*args, "--db", small_kb)
    assert shown in printed
    assert not {m for m in loaded for heavy in HEAVY if m == heavy or m.startswith(heavy + ".")}


def test_a_dirty_kb_is_refreshed_before_the_stdlib_read(small_kb, tmp_path):
    """An interrupted ingest leaves scopes dirty: the query refreshes them (loading the merge) and answers."""
    import shutil
    import sqlite3

    db = str(tmp_path / "dirty.db")
    shutil.copy(small_kb, db)
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM merged WHERE pair_a = 'JPN' AND pair_b = 'MYS'")
        con.execute("DELETE FROM pair_profiles WHERE pair_a = 'JPN' AND pair_b = 'MYS'")
        con.execute("INSERT INTO dirty (scope) VALUES ('pair:JPN-MYS')")
    con.close()
    fresh, _ = _command_modules("show", "JPN", "MYS", "--json", "--today", "2025-06-01", "--db", small_kb)
    refreshed, loaded = _command_modules("show", "JPN", "MYS", "--json", "--today", "2025-06-01", "--db", db)
    assert "sqlalchemy" in loaded  # the refresh ran
    assert _without_ids(json.loads(refreshed)) == _without_ids(json.loads(fresh))  # (the merge numbers anew)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM dirty").fetchone() == (0,)
    con.close()

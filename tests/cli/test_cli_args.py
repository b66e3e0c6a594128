"""The command line on wrong arguments: one line naming the problem, exit 2, never a traceback.

Every option of every command is driven with a bad value (the table below must name each one, so a
new option gets a bad value too); read commands on a path holding no KB; the progress bar's
document count; what ``export`` says it wrote; ``ingest --help``.
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys

import pytest
from rich.console import Console
from typer.main import get_command
from typer.testing import CliRunner

from entente.cli import app
from entente.cli.progress import DocumentProgress, document_total
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor
from kb_corpus import corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cliargs") / "kb.db"
    kb = open_kb(path)
    articles = corpus()
    with kb.session() as s:
        ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles))
    kb.close()
    return str(path)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_one_line_exit_2(result, *words: str) -> None:
    text = result.output.strip()
    assert result.exit_code == 2, (result.exit_code, text)
    assert "Traceback" not in text and result.exception is None or isinstance(result.exception, SystemExit), (
        text
    )
    assert len(text.splitlines()) == 1, text
    for w in words:
        assert w in text, (w, text)


# every command: the arguments that make a call valid, before the bad option is added
VALID = {
    "extract": ["-"],
    "schema": [],
    "ingest": ["-"],
    "pairs": [],
    "show": ["JPN", "MYS"],
    "timeline": ["MYS"],
    "compare": ["MYS"],
    "search": ["trade"],
    "people": [],
    "documents": [],
    "delete": ["0" * 64],
    "stats": [],
    "export": ["--format", "csv", "--out", "OUT"],
    "serve": [],
    "bench": [],
    "review list": [],
    "review facts": ["0" * 64],
    "review accept": ["0" * 64, "event", "KEY"],
    "review reject": ["0" * 64, "event", "KEY"],
    "review correct": ["0" * 64, "event", "KEY"],
    "review add": ["0" * 64, "event", "JPN-MYS", "--span", "0:5"],
    "review export": [],
    "review import": ["REVIEWS"],
    "eval": ["GOLD"],
}
BAD = {  # option -> a wrong value and a word the message must hold
    "--out": None,  # a path; export's is checked below (a file, not a folder)
    "--published": ("tomorrow", "--published"),
    "--max-bytes": ("-1", "--max-bytes"),
    "--max-chars": ("0", "--max-chars"),
    "--db": ("/nonexistent/typo/x.db", "no knowledge base"),
    "--feed": None,  # a URL: a failure of that feed, listed at the end (exit 1), not a usage error
    "--batch-size": ("0", "--batch-size"),
    "--timeout": ("soon", "--timeout"),
    "--workers": ("0", "--workers"),
    "--engine": ("spark", "--engine"),
    "--address": None,  # given to Ray as it is
    "--today": ("tomorrow", "--today"),
    "--with": ("Atlantis", "unknown country"),
    "--since": ("01/02/2023", "--since"),
    "--until": ("2023-13-45", "--until"),
    "--limit": ("abc", "--limit"),
    "--offset": ("-1", "--offset"),
    "--partners": ("Atlantis", "unknown country"),
    "--top": ("x", "--top"),
    "--pair": ("JPN", "--pair"),
    "--country": ("Atlantis", "unknown country"),
    "--outlet": None,  # any text
    "--format": ("xml", "--format"),
    "--host": None,  # any interface name
    "--port": ("70000", "--port"),
    "--generate": ("0", "--generate"),
    "--seed": ("x", "--seed"),
    "--repeats": ("0", "--repeats"),
    "--docs": ("1", "--docs"),
    "--workers-docs": ("1", "--workers-docs"),
    "--kb-docs": ("3", "--kb-docs"),
    "--kb": None,
    "--results": None,  # paths written later
    "--records": ("MISSING", "--records"),  # a JSONL file that is not there
    "--reviewer": None,  # any name
    "--note": None,  # any text
    "--set": ("status", "--set"),  # not NAME=VALUE
    "--span": ("10-20", "--span"),  # not START:END
}


# ingest creates a KB wherever --db says: its bad --db is one that cannot be opened
BAD_FOR = {("ingest", "--db"): ("nosuchdialect://x", "cannot open")}


def _commands(group=None, prefix: str = ""):
    """Every command as ``(name, click command)``, the subcommands of a group (``review list``) included."""
    group = group or get_command(app)
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from _commands(command, f"{path} ")
        else:
            yield path, command


def _cases():
    for name, command in _commands():
        for param in command.params:
            if param.param_type_name != "option" or param.is_flag or param.name == "help":
                continue
            option = param.opts[0]
            yield name, option


def _placeholders(args: list[str], tmp_path) -> list[str]:
    """``OUT`` a path to write, ``GOLD`` a gold file, ``REVIEWS`` an empty audit log, ``MISSING`` no file."""
    (tmp_path / "gold.json").write_text('{"schema": "entente.gold/1", "docs": {}}', encoding="utf-8")
    (tmp_path / "reviews.json").write_text("[]", encoding="utf-8")
    files = {"OUT": "out", "GOLD": "gold.json", "REVIEWS": "reviews.json", "MISSING": "missing.jsonl"}
    return [str(tmp_path / files[a]) if a in files else a for a in args]


def test_the_table_names_every_option_of_every_command():
    assert set(VALID) == {name for name, _ in _commands()}
    missing = {option for _, option in _cases()} - set(BAD)
    assert not missing, f"give these options a bad value in BAD: {missing}"


@pytest.mark.parametrize("command,option", [c for c in _cases() if BAD.get(c[1])])
def test_every_option_with_a_bad_value_is_one_line_and_exit_2(db, tmp_path, command, option):
    value, word = BAD_FOR.get((command, option)) or BAD[option]
    args = _placeholders([*VALID[command], option, value], tmp_path)
    extra = [] if option == "--db" or command in ("extract", "schema", "bench") else ["--db", db]
    result = run(*command.split(), *args, *extra)
    assert_one_line_exit_2(result, word)


DATE_OPTIONS = {"--today", "--since", "--until", "--published"}
BAD_DATES = ["tomorrow", "01/02/2023", "2023-13-45", "2023-02-30", "20230102", "2023-1-5", ""]


@pytest.mark.parametrize("command,option", [c for c in _cases() if c[1] in DATE_OPTIONS])
@pytest.mark.parametrize("value", BAD_DATES)
def test_every_date_option_of_every_command_refuses_every_bad_form(db, tmp_path, command, option, value):
    """Each date option, wherever it is, names itself and the form it expects: never a filter silently off."""
    args = _placeholders([*VALID[command], option, value], tmp_path)
    extra = (
        [] if command in ("extract",) else ["--db", str(tmp_path / "new.db") if command == "ingest" else db]
    )
    result = run(*command.split(), *args, *extra)
    assert_one_line_exit_2(result, option, "YYYY")
    assert not (tmp_path / "new.db").exists()


def test_the_sweep_reaches_every_date_option():
    found = {(c, o) for c, o in _cases() if o in DATE_OPTIONS}
    assert {o for _, o in found} == DATE_OPTIONS
    assert {c for c, _ in found} >= {"show", "timeline", "search", "documents", "extract", "ingest"}


@pytest.mark.parametrize(
    "args,word",
    [
        (["eval", "GOLD", "--records", "MISSING"], "--records"),
        (["eval", "BADJSONL", "--records", "BADJSONL"], "cannot read gold"),
        (["eval", "GOLD", "--records", "BADJSONL"], "line 1 is not JSON"),
        (["eval", "LIST", "--records", "GOLD"], "not an entente.gold/1"),
        (["eval", "ODDGOLD", "--records", "GOLD"], "cannot score"),
        (["review", "export", "--format", "json", "--out", "NODIR"], "cannot write --out"),
        (["review", "import", "GOLD"], "not a list of reviews"),
    ],
)
def test_files_given_to_eval_and_review_are_checked(db, tmp_path, args, word):
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "odd.json").write_text('{"docs": {"a.txt": [1]}}', encoding="utf-8")
    more = {
        "BADJSONL": "bad.jsonl",
        "LIST": "list.json",
        "ODDGOLD": "odd.json",
        "NODIR": "no/such/dir/out.json",
    }
    args = [str(tmp_path / more[a]) if a in more else a for a in args]
    assert_one_line_exit_2(run(*_placeholders(args, tmp_path), "--db", db), word)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Atlantis", "MYS"],
        ["timeline", "Atlantis"],
        ["compare", "Atlantis"],
        ["delete", "nosuchdocument"],
        ["search", "   "],
        ["show", "JPN"],
        ["search", "x", "--json", "--csv"],
        ["timeline", "MYS", "--bogus"],
        ["nosuchcommand"],
        ["timeline", "MYS", "--since", "2024-05-01", "--until", "2024-01-01"],
        ["show", "JPN", "Japan"],
        ["compare", "MYS", "--partners", "Malaysia"],
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(db, args):
    result = run(*args, *(["--db", db] if args[0] != "nosuchcommand" else []))
    assert_one_line_exit_2(result)


@pytest.mark.parametrize(
    "option,value,form",
    [
        ("--since", "01/02/2023", "YYYY-MM-DD"),
        ("--since", "2023-13-45", "YYYY-MM-DD"),
        ("--until", "2023-02-30", "YYYY-MM-DD"),
        ("--since", "20230102", "YYYY-MM-DD"),
    ],
)
def test_timeline_dates_are_checked_not_ignored(db, option, value, form):
    assert_one_line_exit_2(run("timeline", "MYS", option, value, "--db", db), option, repr(value), form)


def test_show_today_tomorrow_is_one_line(db):
    assert_one_line_exit_2(
        run("show", "KHM", "THA", "--today", "tomorrow", "--db", db), "--today", "YYYY-MM-DD"
    )


def test_published_is_checked_for_extract_and_ingest(tmp_path):
    for command in ("extract", "ingest"):
        result = (
            run(command, "-", "--published", "2024-02-30", "--db", str(tmp_path / "new.db"))
            if (command == "ingest")
            else run(command, "-", "--published", "2024-02-30")
        )
        assert_one_line_exit_2(result, "--published", "YYYY-MM-DD")
    assert not (tmp_path / "new.db").exists()


def test_until_filters_the_timeline(db):
    whole = json.loads(run("timeline", "MYS", "--limit", "0", "--json", "--db", db).output)
    early = json.loads(run("timeline", "MYS", "--until", "2024-06-30", "--json", "--db", db).output)
    assert early and all(e["date"] is None or e["date"] <= "2024-06-30" for e in early)
    assert len(early) < len(whole)


# ------------------------------------------------------------------ a path that is no KB


@pytest.mark.parametrize(
    "command",
    [
        ["pairs"],
        ["show", "JPN", "MYS"],
        ["timeline", "MYS"],
        ["search", "trade"],
        ["people"],
        ["documents"],
        ["stats"],
        ["compare", "MYS"],
        ["export", "--format", "csv", "--out", "OUTDIR"],
        ["serve"],
    ],
)
def test_read_commands_never_create_a_kb(tmp_path, command):
    args = [a.replace("OUTDIR", str(tmp_path / "exp")) for a in command]
    missing = tmp_path / "typo" / "x.db"
    result = run(*args, "--db", str(missing))
    assert_one_line_exit_2(result, "no knowledge base", str(missing))
    assert not (tmp_path / "typo").exists() and not (tmp_path / "exp").exists()


@pytest.mark.parametrize("content", [b"", b"just some notes, not a database\n"])
def test_a_file_that_is_no_kb_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    assert_one_line_exit_2(run("pairs", "--db", str(path)), "not an entente knowledge base")
    assert path.read_bytes() == content


def test_an_sqlite_file_of_something_else_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE birds (name TEXT)")
    con.commit()
    con.close()
    assert_one_line_exit_2(run("stats", "--db", str(path)), "not an entente knowledge base")
    con = sqlite3.connect(path)
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master")} == {"birds"}
    con.close()


# ------------------------------------------------------------------ progress, export, help


def test_progress_counts_documents_not_files(tmp_path):
    archive = tmp_path / "many.jsonl"
    archive.write_text(
        "".join(json.dumps({"text": f"Document {i}."}) + "\n" for i in range(2225)) + "\n", encoding="utf-8"
    )
    single = tmp_path / "one.txt"
    single.write_text("One text.", encoding="utf-8")
    assert document_total([str(archive), str(single)], urls=2) == 2228
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    progress = DocumentProgress(console, "ingest", 2226)
    with progress as tick:
        tick(1000)
        console.print(progress.bar.make_tasks_table(progress.bar.tasks))
    shown = out.getvalue()
    assert "1000/2226" in shown and "docs/s" in shown and "ETA" in shown


def test_extract_ticks_the_bar_once_per_document_of_an_archive(tmp_path, monkeypatch):
    """The command itself (not only the bar): a 40-line JSONL and a text file are 41 documents, 41 ticks."""
    import entente.cli.extraction as extraction
    import entente.extract.pipeline as pipeline
    from entente.kb.testing import numbered_corpus

    articles = numbered_corpus(41)
    archive = tmp_path / "archive.jsonl"
    archive.write_text(
        "".join(json.dumps({"text": a.text, "name": a.name}) + "\n" for a in articles[:40]), encoding="utf-8"
    )
    (tmp_path / "last.txt").write_text(articles[40].text, encoding="utf-8")
    seen: dict = {"ticks": 0}

    class Recording(DocumentProgress):
        def __init__(self, console, label, total, enabled=True):
            seen["total"] = total
            super().__init__(console, label, total, enabled=False)

        def tick(self, n: int = 1) -> None:
            seen["ticks"] += n
            super().tick(n)

    monkeypatch.setattr(extraction, "DocumentProgress", Recording)
    table = TableExtractor(articles)

    class Prepared:
        def extract(self, document, published=None, explain=None):
            return table.extract(document, published)

    monkeypatch.setattr(pipeline, "Extractor", Prepared)
    result = run("extract", str(archive), str(tmp_path / "last.txt"), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0, result.output
    assert seen == {"total": 41, "ticks": 41}
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 41


def test_export_says_what_it_wrote(db, tmp_path):
    result = run("export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db)
    assert result.exit_code == 0, result.output
    files = result.stdout.split()
    assert files and all(f.endswith(".csv") for f in files)
    assert f"wrote {len(files)} files (" in result.stderr and " rows) to " in result.stderr
    assert "events.csv: 2 rows" in result.stderr


def test_export_to_a_file_is_refused(db, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert_one_line_exit_2(
        run("export", "--format", "csv", "--out", str(target), "--db", db), "not a directory"
    )


def test_ingest_help_names_the_ray_extra():
    result = CliRunner().invoke(app, ["ingest", "--help"], terminal_width=200)
    assert "entente[ray]" in result.output


def test_query_commands_import_no_extraction_code():
    code = (
        "import sys, entente.cli; bad = sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.') "
        "or m.startswith('entente.extract')); print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_newest_migration_file_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from entente.cli.kbaccess import _newest_revision
    from entente.kb.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert _newest_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_a_kb_of_an_older_schema_is_upgraded_by_a_read_command(tmp_path):
    from entente.kb.testing import Article

    art = Article(
        "Chile and Peru spoke of copper and lithium at a quiet meeting.", "c.txt", published="2024-01-02"
    )
    path = tmp_path / "old.db"
    kb = open_kb(path)
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
    kb.close()
    con = sqlite3.connect(path)  # back to the schema before migration 0005 (no index of the texts)
    for trigger in ("documents_ai", "documents_ad", "documents_au"):
        con.execute(f"DROP TRIGGER {trigger}")
    con.execute("DROP TABLE documents_fts")
    con.execute("DROP TABLE reviews")  # (and before migration 0006: no reviews)
    con.execute("UPDATE alembic_version SET version_num = '0004'")
    con.commit()
    con.close()
    result = run("search", "lithium", "--db", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert [h["name"] for h in json.loads(result.stdout)] == ["c.txt"]  # indexed by the upgrade
    con = sqlite3.connect(path)
    from entente.cli.kbaccess import _newest_revision

    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == _newest_revision()
    con.close()


@pytest.mark.parametrize("command", sorted(VALID))
def test_help_of_every_command_is_clean(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"], terminal_width=120)
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "Usage:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args,word",
    [
        (["timeline", "MYS", "--limit", "99999999999999999999"], "--limit"),
        (["timeline", "MYS", "--offset", "99999999999999999999"], "--offset"),
        (["documents", "--offset", "99999999999999999999"], "--offset"),
        (["documents", "--limit", "99999999999999999999"], "--limit"),
        (["search", "trade", "--limit", "99999999999999999999"], "--limit"),
        (["ingest", "-", "--workers", "100000"], "--workers"),
        (["serve", "--workers", "100000"], "--workers"),
    ],
)
def test_huge_numbers_are_one_line_not_an_overflow(db, tmp_path, args, word):
    """Numbers past what a page or a machine can take: refused up front (they overflowed SQL integers)."""
    target = str(tmp_path / "new.db") if args[0] == "ingest" else db
    assert_one_line_exit_2(run(*args, "--db", target), word)
    assert not (tmp_path / "new.db").exists()


def test_export_into_a_folder_that_cannot_be_made_is_one_line(db, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("export", "--format", "csv", "--out", str(blocker / "sub"), "--db", db)
    assert_one_line_exit_2(result, "cannot write --out")


def test_a_database_server_that_does_not_answer_is_one_line():
    result = run("stats", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert_one_line_exit_2(result, "cannot open the knowledge base")

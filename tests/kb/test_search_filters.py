"""Search over whole documents and evidence sentences, with pair / country / outlet / date filters: the query
function, the search page, ``/api/search`` and ``entente search`` (records prepared by TableExtractor, texts of
our own), on SQLite and on PostgreSQL (tests marked ``postgres``, run when ``ENTENTE_TEST_PG_URL`` is set)."""

from __future__ import annotations

import json
import warnings

import pytest
from typer.testing import CliRunner

from conftest import KB_BACKENDS
from entente.cli import app as cli
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.search import SearchFilters, search_filtered
from entente.kb.testing import Article, TableExtractor, fresh_database
from kb_corpus import corpus


class OutletArticle(Article):
    def record(self):
        record = super().record()
        record.doc.outlet = "Farm Weekly"
        return record


def articles() -> list[Article]:
    extra = OutletArticle(
        "A note on rice prices and monsoon rainfall near Tokyo, with no diplomacy in it at all.",
        "rice.txt",
        published="2024-07-01",
    )
    return [*corpus(), extra]


@pytest.fixture(scope="module", params=KB_BACKENDS)
def kb(request, tmp_path_factory):
    """The corpus in a KB on each backend: SQLite (FTS5) and, when a server is given, PostgreSQL (tsvector)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("searchf")) as url:
        kb = open_kb(url)
        arts = articles()
        with kb.session() as s:
            ingest(s, [a.document() for a in arts], extractor=TableExtractor(arts))
        yield kb
        kb.close()


def find(kb, q, **filters):
    with kb.session() as s:
        return search_filtered(s, q, SearchFilters(**filters), limit=50)


def test_words_found_only_in_a_document_text_are_found(kb):
    hits = find(kb, "monsoon rainfall")
    assert [(h.name, h.match) for h in hits] == [("rice.txt", "text")]
    assert "[monsoon]" in hits[0].snippet and hits[0].pairs == []
    assert find(kb, "monsoon", evidence_only=True) == []


def test_evidence_sentences_come_first_then_other_documents(kb):
    hits = find(kb, "Tokyo")
    kinds = [h.match for h in hits]
    assert kinds[0] == "evidence" and "text" in kinds and kinds == sorted(kinds)  # "evidence" < "text"
    assert len({h.doc_id for h in hits if h.match == "text"}) == len([h for h in hits if h.match == "text"])


def test_filters(kb):
    assert {h.name for h in find(kb, "strategic", pair=("KOR", "MYS"))} == {"k1.txt", "k2.txt"}
    assert {h.name for h in find(kb, "strategic", country="KOR")} == {"k1.txt", "k2.txt"}
    assert all(h.published >= "2024-11-21" for h in find(kb, "Tokyo", since="2024-11-21"))
    assert {h.name for h in find(kb, "Tokyo", until="2024-11-20")} == {"a1.txt", "rice.txt"}
    assert [h.name for h in find(kb, "rice", outlet="farm")] == ["rice.txt"]
    assert find(kb, "rice", outlet="nosuch") == []


def test_search_command_filters_and_csv(kb):
    runner = CliRunner()
    hits = json.loads(
        runner.invoke(
            cli, ["search", "strategic", "--pair", "Korea-Malaysia", "--db", kb.url, "--json"]
        ).output
    )
    assert {h["name"] for h in hits} == {"k1.txt", "k2.txt"}
    table = runner.invoke(cli, ["search", "monsoon", "--db", kb.url, "--csv"])
    assert (
        table.exit_code == 0
        and table.output.splitlines()[0].startswith("doc_id,name,")
        and "rice.txt" in table.output
    )


def _client(app):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False)


def test_search_page_has_the_same_filters(kb):
    from entente.web import create_app

    with _client(create_app(kb=kb)) as c:
        page = c.get("/search", params={"q": "strategic", "pair": "KOR-MYS"})
        assert page.status_code == 200 and "k1.txt" in page.text and "a1.txt" not in page.text
        assert 'name="outlet"' in page.text and 'name="since"' in page.text and 'value="KOR-MYS"' in page.text
        text_hit = c.get("/search", params={"q": "monsoon"})
        assert "rice.txt" in text_hit.text and "in the text" in text_hit.text
        assert c.get("/search", params={"q": "x", "since": "2023-13-45"}).status_code == 422
        assert c.get("/search", params={"q": "x", "country": "Atlantis"}).status_code == 422
        docs = c.get("/docs")
        assert docs.status_code == 200 and 'href="/"' in docs.text


def test_api_search_takes_the_commands_filters(kb):
    from entente.web import create_app

    def names(c, **params):
        r = c.get("/api/search", params={"q": params.pop("q", "strategic"), **params})
        assert r.status_code == 200, r.text
        return {h["name"] for h in r.json()}

    with _client(create_app(kb=kb)) as c:
        assert names(c, pair="KOR-MYS") == {"k1.txt", "k2.txt"}
        assert names(c, pair="Korea,Malaysia") == {"k1.txt", "k2.txt"}
        assert names(c, country="KOR") == {"k1.txt", "k2.txt"}
        assert names(c, q="Tokyo", until="2024-11-20") == {"a1.txt", "rice.txt"}
        assert all(
            h["published"] >= "2024-11-21"
            for h in c.get("/api/search", params={"q": "Tokyo", "since": "2024-11-21"}).json()
        )
        assert names(c, q="rice", outlet="FARM") == {"rice.txt"}
        assert names(c, q="rice", outlet="nosuch") == set()
        # whole texts like the command, unless only the evidence is asked for
        monsoon = c.get("/api/search", params={"q": "monsoon"}).json()
        assert [(h["name"], h["match"]) for h in monsoon] == [("rice.txt", "text")]
        assert names(c, q="monsoon", evidence_only="true") == set()
        # the same hits as `entente search` with the same filters
        cli_hits = json.loads(
            CliRunner()
            .invoke(cli, ["search", "Tokyo", "--since", "2024-11-21", "--db", kb.url, "--json"])
            .output
        )
        api_hits = c.get("/api/search", params={"q": "Tokyo", "since": "2024-11-21"}).json()
        assert [(h["doc_id"], h["start"]) for h in api_hits] == [(h["doc_id"], h["start"]) for h in cli_hits]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"since": "2023-13-45"}, "since"),
        ({"since": "01/02/2023"}, "since"),
        ({"until": "20230102"}, "until"),
        ({"until": "tomorrow"}, "until"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "until"),
        ({"pair": "JPN"}, "pair"),
        ({"pair": "JPN-MYS-KOR"}, "pair"),
        ({"country": "Atlantis"}, "Atlantis"),
        ({"outlet": "x" * 201}, "outlet"),
    ],
)
def test_api_search_filters_are_checked_like_the_other_date_params(kb, params, named):
    from entente.web import create_app

    with _client(create_app(kb=kb)) as c:
        r = c.get("/api/search", params={"q": "Tokyo", **params})
        assert r.status_code == 422 and named in r.json()["detail"], r.text
        if "since" in params and "until" not in params:  # the other API dates answer alike
            other = c.get("/api/timeline/JPN", params={"since": params["since"]})
            assert other.status_code == 422 and other.json()["detail"] == r.json()["detail"]


@pytest.mark.parametrize("q", ['Tokyo" OR (', "-Tokyo", "Tokyo*", "(Tokyo)", "Tokyo:", "TOKYO!"])
def test_query_syntax_characters_are_words_not_operators(kb, q):
    """FTS5 and tsquery operators in the words typed are read as plain words on both backends."""
    plain = [(h.doc_id, h.start) for h in find(kb, "Tokyo")]
    assert plain and [(h.doc_id, h.start) for h in find(kb, q)] == plain


@pytest.mark.parametrize("q", ["'", "&|!", '"', "\x00"])
def test_a_query_of_only_punctuation_finds_nothing_and_fails_nowhere(kb, q):
    assert find(kb, q) == []
    result = CliRunner().invoke(cli, ["search", q, "--db", kb.url, "--json"])
    assert result.exit_code in (0, 2) and "Traceback" not in result.output, result.output


def test_the_search_table_says_where_each_hit_is(kb):
    out = CliRunner().invoke(cli, ["search", "Tokyo", "--db", kb.url], terminal_width=200).stdout
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert any("│ evidence │" in r for r in rows) and any("│ text " in r and "rice.txt" in r for r in rows)

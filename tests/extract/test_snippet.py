"""Search snippets made in Python (entente.kb.snippet): matches bracketed, long sentences cut around them."""

from hypothesis import given
from hypothesis import strategies as st

from entente.kb.snippet import WINDOW, snippet, stem


def test_inflections_share_a_stem():
    assert len({stem(w) for w in ("trade", "trades", "traded", "trading")}) == 1
    assert len({stem(w) for w in ("energy", "energies")}) == 1
    assert len({stem(w) for w in ("agree", "agreed", "agreement")}) == 1
    assert len({stem(w) for w in ("railway", "railways")}) == 1
    assert stem("class") != stem("clash") and stem("glass") == "glass"


def test_short_sentence_is_whole_with_matches_marked():
    assert snippet("Both sides agreed to expand trade.", ["trade", "agree"]) == "Both sides [agreed] to expand [trade]."


def test_long_sentence_is_cut_around_the_matches():
    words = [f"w{i}" for i in range(60)]
    words[40] = "tourism"
    out = snippet(" ".join(words) + ".", ["tourism"])
    assert out.startswith("…") and "[tourism]" in out
    assert len(out.replace("…", "").split()) == WINDOW


def test_no_match_shows_the_start():
    out = snippet(" ".join(f"w{i}" for i in range(40)), ["absent"])
    assert out.startswith("w0 ") and out.endswith("…") and "[" not in out


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=10), max_size=3))
def test_snippet_is_the_text_with_markers_and_ellipses(text, terms):
    out = snippet(text, terms)
    plain = out.replace("[", "").replace("]", "").strip("…")
    assert plain in text.replace("[", "").replace("]", "") or plain == text

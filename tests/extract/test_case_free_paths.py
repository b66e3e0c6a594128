"""The case-free scans and per-sentence answers of the extraction give what the plain searches give.

Each fast path (a case-insensitive search done on the lower-cased text, an answer read once per sentence or
per pattern) is checked against the plain form on texts written for it, including texts whose lower case
is no stand-in (the fast path must then fall back).  Speed is measured in the benchmarks, not here.
"""

from __future__ import annotations

import re

from entente.extract import areas, dateline, modality
from entente.extract.agreements.generic import _generic
from entente.extract.area_rules import joint_actor
from entente.extract.commitments import _UNDERTAKING
from entente.extract.events.triggers import find_triggers
from entente.extract.figures import _rank_re, find_ranks
from entente.extract.lexfilter import CaseFreeScan, case_free, case_free_text, scan_of
from entente.extract.money import _PERCENT_RE, _patterns, parse_money, parse_percentages
from entente.extract.signing import ends_with_signing, find_signings
from entente.extract.tense import tense_at

_TEXTS = [
    "Japan and Vietnam signed a 5 billion yen loan deal and a USD 2 million grant; trade rose 4.5 per cent.",
    "THE TWO SIDES INKED AN MOU ON TRADE, WORTH 1,200 CRORE RUPEES, AND China's deal was its second largest.",
    "The delegation, accompanied by Foreign Minister Ana Díaz, said the talks will be held next week.",
    "Kazakhstan’s second-largest trading partner bought 3 trillion won of goods — up 12% — officials added.",
    "İstanbul hosted the signing: the ſecond MoU (5 million dollars), 7 percent, the largest source of FDI.",
    "ΣΟΦΙΑ Bulgaria and Greece said they had agreed to sign; Greece’s new agreement was signed in Athens.",
]


def _spans_and_groups(matches, names: tuple[str, ...]) -> list[tuple]:
    return [(m.span(), m.group(0), tuple(m.group(n) for n in names)) for m in matches]


def test_scans_of_money_percent_rank_and_generic_heads_are_the_regex_matches() -> None:
    cases = [
        (_patterns()[1], ("num", "scales", "name", "num2")),
        (_PERCENT_RE, ("num", "sign")),
        (_rank_re(), ("ord", "alone", "mods", "noun")),
        (_generic(), ("head",)),
    ]
    for regex, names in cases:
        scan = scan_of(regex)
        assert scan.lower is not None, regex.pattern[:60]  # these are meant to run case-free
        for text in _TEXTS:
            fast = _spans_and_groups(scan.finditer(text, case_free_text(text)), names)
            assert fast == _spans_and_groups(regex.finditer(text), names), text


def test_money_percentages_and_ranks_read_their_words_from_the_text() -> None:
    text = _TEXTS[1]
    assert [m.text for m in parse_money(text)] == ["1,200 CRORE RUPEES"]
    assert [p.text for p in parse_percentages(_TEXTS[3])] == ["12%"]
    assert [r.value for r in find_ranks(_TEXTS[3])] == [2.0]


def test_a_to_z_and_named_groups_keep_a_scan_case_free_and_upper_literals_do_not() -> None:
    assert CaseFreeScan(re.compile(r"(?P<w>[A-Za-z]+) deal", re.I)).lower is not None
    assert CaseFreeScan(re.compile(r"\b[A-Z]\w*'s deal", re.I)).lower is not None
    assert CaseFreeScan(re.compile(r"\bMoU\b", re.I)).lower is None  # an upper-case literal: the regex itself
    assert CaseFreeScan(re.compile(r"[a-z]+", 0)).lower is None  # not case-insensitive: nothing to gain
    # a part that turns re.I off asks for the case as written ("May" the month is not "may")
    assert CaseFreeScan(re.compile(r"\b(?-i:may)\b", re.I)).lower is None
    assert CaseFreeScan(re.compile(r"trip to (?=(?-i:[A-Z]))", re.I)).lower is None


def test_scan_of_is_made_once_per_pattern_object() -> None:
    regex = re.compile(r"\bsigned\b", re.I)
    assert scan_of(regex) is scan_of(regex)
    assert scan_of(regex).regex is regex


def _slow(monkeypatch) -> None:
    """Every CaseFreeScan searches with its regex on the text as written (the plain path)."""
    monkeypatch.setattr(CaseFreeScan, "on", lambda self, text, low: (self.regex, text))


def test_signing_cues_on_the_lower_case_are_the_regex_cues(monkeypatch) -> None:
    def run() -> list:
        out = []
        for text in _TEXTS:
            out.append([find_signings(text, lo) for lo in (0, 10)])
            out.append([ends_with_signing(text[:cut]) for cut in range(len(text) + 1)])
        return out

    fast = run()
    _slow(monkeypatch)
    assert run() == fast
    assert any(fast[0][0]) and any(any(row) for row in fast[1::2])  # the texts hold signings


def test_tense_on_the_lower_case_is_the_regex_tense(monkeypatch) -> None:
    def run() -> list:
        return [tense_at(text, m.start(), m.end()) for text in _TEXTS for m in re.finditer(r"\w+", text)]

    fast = run()
    _slow(monkeypatch)
    assert run() == fast
    assert {"past", "future"} <= set(fast)


def test_triggers_joint_actors_and_undertakings_on_the_lower_case_are_the_regex_ones(monkeypatch) -> None:
    sentences = [
        *_TEXTS,
        "Prime Minister Wong began an official visit to Indonesia on Wednesday and met President Prabowo.",
        "The two leaders held talks in Jakarta and agreed to meet again; both sides pledged to sign a deal by 2026.",
        "Officials said a trip to the region may follow, and they will host a summit in May.",
    ]

    def run() -> list:
        found = [[(t.kind, t.anaphoric, s, e) for t, s, e in find_triggers(x)] for x in sentences]
        joint = [joint_actor(x) for x in sentences]
        undertakings = [[m.span() for m in scan_of(_UNDERTAKING).finditer(x, case_free_text(x))] for x in sentences]
        return [found, joint, undertakings]

    fast = run()
    _slow(monkeypatch)
    assert run() == fast
    assert any(fast[0]) and any(fast[1]) and any(fast[2])


def test_reporting_end_read_once_per_sentence_is_the_prefix_search() -> None:
    sentences = [*_TEXTS, "He said the deal, she says, was told to them; they added it saidx tolds", "SAID ADDED"]
    for sentence in sentences:
        for pos in range(len(sentence) + 1):
            before = sentence[:pos]
            plain = 0
            for m in modality._REPORTING.finditer(before):
                plain = m.end()
            assert modality._reporting_end(sentence, pos) == plain, (sentence, pos)


def test_dateline_tries_only_lines_opening_with_a_capital() -> None:
    heads = [
        "MOSCOW, March 21. /TASS/. Russia and China agreed ...",
        "date 2024-09-04 VLADIVOSTOK (Russia), Sept 4 (Bernama) - Malaysia and Russia ...",
        "  \n\tjakarta - no\nKuala Lumpur — Malaysia and Japan ...\n",
        "headline in lower case\n\nNEW DELHI: India and Japan signed ...",
    ]
    for head in heads:
        starts = [0, *(m.end() for m in re.finditer("\n", head))]
        kept = [p for p in starts if dateline._LINE_OPENS.match(head, p)]
        for pattern in dateline._PATTERNS:
            every = [m.span() for m in dateline._line_matches(pattern, head, starts)]
            assert [m.span() for m in dateline._line_matches(pattern, head, kept)] == every


def test_intro_end_kept_per_sentence_is_the_direct_answer() -> None:
    text = "Amid rising oil prices, the two sides agreed to expand energy trade. They also, in short, met."
    for start in (0, text.index("They")):
        comma = areas._CLAUSE_END.search(text, start, min(len(text), start + 300))
        direct = comma.start() if comma and areas._context().intro.fullmatch(text, start, comma.start()) else None
        assert areas._intro_end(text, start) == direct
        assert areas._intro_end(text, start) == direct  # asked again: the kept answer


def test_case_free_is_none_where_lower_case_is_no_stand_in() -> None:
    assert case_free(_TEXTS[4]) is None  # "İ", "ſ": lowering moves offsets or widens a match
    assert case_free_text(_TEXTS[5]) is None  # a final sigma lowers by context


def test_the_scans_are_built_with_the_tables_not_on_a_document() -> None:
    from entente.extract.agreements.generic import _generic_scan
    from entente.extract.area_rules import _joint_scan
    from entente.extract.events.triggers import _trigger_scans
    from entente.extract.pipeline import default_extractor
    from entente.extract.signing import _scans
    from entente.extract.tense import _tense_scans

    default_extractor()
    for builder in (_trigger_scans, _scans, _tense_scans, _generic_scan, _joint_scan):
        assert builder.cache_info().currsize == 1, builder.__qualname__

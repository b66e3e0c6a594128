"""Instrument titles: the capitalised name before a head ("Visiting Forces" Agreement) and the
capitalised subject after it ("... on Cooperation in the Field of Higher Education"), and the key two
mentions of one titled instrument share."""

from __future__ import annotations

import re
from functools import cache

from ...data import load

TITLE_WORD = re.compile(r"[A-Z0-9][\w'’&.-]*|\([A-Z][\w&-]*\)")
FUNCTION = {"of", "on", "and", "for", "the", "in", "to", "under", "between", "concerning", "&", "a"}
# Lower-case particles inside a place or person's name in a title: "Belém do Pará Declaration".
PARTICLES = {
    "de",
    "do",
    "da",
    "dos",
    "das",
    "del",
    "della",
    "di",
    "du",
    "des",
    "la",
    "le",
    "van",
    "von",
    "al",
    "el",
}
DETERMINER_START = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"}
CALENDAR = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)$|"
    r"(?:19|20)\d\d\b"
)
_QUOTED = re.compile(r'["“][A-Z][^"“”\n]{0,120}["”]')
_CLOSER = re.compile(r"[\])]")
COMPLEMENT = re.compile(
    r"\s+(?:on|concerning|regarding|relating to|related to|for|between|in the field of|in the fields of|"
    r"of(?=\s+(?-i:(?:the\s+)?[A-Z])))\s+",  # "Treaty of Nancy", not "declaration of war"
    re.I,
)


_NAME_WORD = re.compile(r"[\w'’&().-]+")  # a word of a name before a head (compiled once)


def chain_before(text: str, head_start: int, floor: int) -> int:
    """Start of a run of capitalised words right before a head ("Visiting Forces" Agreement)."""
    floor = max(floor, head_start - 160)
    pos = head_start
    words = list(_NAME_WORD.finditer(text[floor:head_start]))
    start = head_start
    for w in reversed(words):
        gap = text[floor + w.end() : pos]
        if gap.strip(" -"):
            break
        token = w.group(0)
        if token.endswith(("'s", "’s")):
            break
        if CALENDAR.match(token):
            break  # "signed on Saturday in Havana agreements": a date, not a name
        if TITLE_WORD.fullmatch(token) or (token.lower() in FUNCTION | PARTICLES and start < head_start):
            start = floor + w.start()
            pos = start
            continue
        break
    first = _NAME_WORD.match(text[start:head_start])
    if first and first.group(0).lower() in ("in", "at", "from"):
        return head_start  # "signed in Havana agreements on ...": a place, not a name
    # Trim leading function words and a sentence-initial "The".
    while start < head_start:
        first = re.match(r"[\w'’&().-]+\s*", text[start:head_start])
        if first and first.group(0).strip().lower() in FUNCTION | DETERMINER_START:
            start += first.end()
            continue
        break
    return start


def complement_after(text: str, head_end: int, ceiling: int) -> int:
    """End of a capitalised subject after a head ("... on Cooperation in the Field of Higher Education")."""
    closer = _CLOSER.match(text, head_end, ceiling)  # "MoU [Memorandum of Understanding] on ..."
    m = COMPLEMENT.match(text, closer.end() if closer else head_end, ceiling)
    if not m:
        return head_end
    quoted = _QUOTED.match(text, m.end(), ceiling)  # on "Friendly Relations and Good Neighbourliness"
    if quoted:
        return quoted.end()
    end = head_end
    pos = m.end()
    seen_capital = False
    run = 0  # capitalised words since the last function word
    for w in re.finditer(r"[\w'’&().-]+|,", text[pos:ceiling]):
        token = w.group(0)
        absolute_end = pos + w.end()
        if token == ",":
            run = 0
            continue
        if TITLE_WORD.fullmatch(token):
            if CALENDAR.match(token):
                break  # "on Saturday", "in November": a date, not a subject
            seen_capital, run = True, run + 1
            end = absolute_end - (1 if token.endswith(".") and not re.search(r"\.\w", token) else 0)
        elif token.lower() in FUNCTION | {"an"}:  # "... between Japan and Malaysia for an Economic Partnership"
            if not seen_capital and token.lower() not in {"the", "a", "an"}:
                break
            run = 0
            continue
        else:
            if run == 1 and token.lower() not in _DESCRIBE_STOP and token.islower():
                # "a deal for Indian firms", "a deal on China-UK tourism": one capitalised word modifying a
                # lower-case noun makes the subject a description, not a name ("the Official Security
                # Assistance (OSA) grant aid" keeps its name).
                return head_end
            break
    return end if seen_capital else head_end


_PARTIES = re.compile(
    r"\s+between\s+(?:the\s+)?(?:government\s+of\s+(?:the\s+)?)?[\w-]+(?:\s+[\w-]+)?\s+and\s+(?:the\s+)?"
    r"(?:government\s+of\s+(?:the\s+)?)?[\w-]+(?:\s+(?!on\b|for\b|in\b|concerning\b)[\w-]+)?(?=\s|$)"
)


def title_key(title: str | None) -> str | None:
    if not title:
        return None
    t = re.sub(r"\([^)]*\)", " ", title.lower())
    t = re.sub(r"^(?:the|a|an)\s+", "", t.strip())
    t = _PARTIES.sub(
        " ", t
    )  # "... Agreement between Tajikistan and Uzbekistan": the parties, in either order
    return re.sub(r"[\W_]+", " ", t).strip()


def singular(head: str) -> str:
    for plural, single in (
        ("Memoranda", "Memorandum"),
        ("Memorandums", "Memorandum"),
        ("Exchanges", "Exchange"),
    ):
        if head.lower().startswith(plural.lower()):
            return (single if head[0].isupper() else single.lower()) + head[len(plural) :]
    if head.endswith("s") and not head.endswith("ss"):
        return head[:-1]
    return head


# A lower-case subject: "a treaty on mutual legal assistance in criminal matters", "an MoU on tourism".
_MODIFIER = re.compile(r"[A-Za-z][\w'’-]*")
_DETERMINER = re.compile(r"(?:^|\s)(?:a|an|the|this|that|its|their|his|her|our)\s+$", re.I)
@cache
def plain_modifiers() -> frozenset[str]:
    """Modifiers that say nothing of what the instrument is ("a new agreement"): ``agreement_titles.json``."""
    return frozenset(load("agreement_titles.json").plain_modifiers)


def modifiers_before(text: str, head_start: int, floor: int, max_words: int = 4) -> int:
    """Start of the modifiers between a determiner and a head ("a migration agreement", "the Ganges
    water-sharing treaty", "a double contribution convention"); ``head_start`` when there are none or
    they say nothing of the instrument ("a new agreement")."""
    pos, start, words = head_start, head_start, []
    while len(words) < max_words:
        lead = text[max(floor, pos - 40) : pos]
        m = re.search(r"([A-Za-z][\w'’-]*)[ \t]+$", lead)
        if not m:
            break
        word = m.group(1)
        if (
            word.lower() in _DESCRIBE_STOP | _LEAD | DETERMINER_START
            or CALENDAR.match(word)
            or word.endswith("ed")
        ):
            break
        pos -= len(m.group(0))
        start, words = pos, [word, *words]
    if not words or not _DETERMINER.search(text[max(floor, start - 8) : start]):
        return head_start
    if all(w.lower() in plain_modifiers() for w in words):
        return head_start
    return start


_DESCRIBE = re.compile(
    r"\s+(?:on|concerning|regarding|relating to|related to|in the fields? of|covering|revising|amending|establishing)\s+",
    re.I,
)
_DESCRIBE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_DESCRIBE_STOP = {
    "which",
    "that",
    "who",
    "whose",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "must",
    "to",
    "by",
    "during",
    "at",
    "with",
    "next",
    "last",
    "this",
    "these",
    "those",
    "on",
    "after",
    "before",
    "since",
    "as",
    "while",
    "under",
    "from",
    "between",
    "among",
    "within",
    "when",
    "where",
    "signed",
    "inked",
    "sealed",
    "reached",
    "concluded",
    "agreed",
    "announced",
    "exchanged",
    "adopted",
    "approved",
    "finalised",
    "finalized",
    "ratified",
    "initialled",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "also",
    "both",
    "their",
    "its",
    "his",
    "her",
    "our",
    "said",
    "says",
    "it",
    "they",
}
_LEAD = {"the", "a", "an", "of", "and", "in", "for", "&"}


def describe_after(text: str, head_end: int, ceiling: int, max_words: int = 10, lists: bool = False) -> int:
    """End of a lower-case subject after a head, up to a clause break, a date or a verb; ``head_end`` if none.
    ``lists``: commas continue it ("agreements on health, education and energy")."""
    m = _DESCRIBE.match(text, head_end, ceiling)
    if not m:
        return head_end
    pos, end, content, words = m.end(), head_end, False, 0
    while pos < ceiling and words < max_words:
        w = _DESCRIBE_WORD.match(text, pos, ceiling)
        if not w:
            break
        token = w.group(0)
        low = token.lower()
        if low in _DESCRIBE_STOP or CALENDAR.match(token):
            break
        if low == "and":
            nxt = _DESCRIBE_WORD.match(text, w.end() + 1, ceiling)
            if not nxt or nxt.group(0).lower() in _DESCRIBE_STOP | {"the", "a", "an"}:
                break
        if low in ("in", "at") and content:
            nxt = _DESCRIBE_WORD.match(text, w.end() + 1, ceiling)
            if nxt and nxt.group(0)[0].isupper():
                break  # "an agreement on fisheries cooperation in Lima": where it was signed, not what it covers
        words += 1
        if low not in _LEAD:
            content, end = True, w.end()
        gap = re.match(r"[ \t]+" if not lists else r",?[ \t]+", text[w.end() : ceiling])
        if not gap:
            break
        pos = w.end() + gap.end()
    return end if content else head_end


_TO = re.compile(r"\s+to\s+")


def topics_after(text: str, head_end: int, ceiling: int) -> tuple[str, list[tuple[int, int]]] | None:
    """The listed topics of a counted batch: "four memoranda covering border issues; health; ICT; and internet
    governance" gives (" covering ", [border issues, health, ICT, internet governance])."""
    m = _DESCRIBE.match(text, head_end, ceiling) or _TO.match(text, head_end, ceiling)
    if not m:
        return None
    stop = re.search(
        r"[.:!?(]|\s(?:which|that|while|during|as well as)\s|,\s+\w+ing\b", text[m.end() : ceiling]
    )
    hi = m.end() + (stop.start() if stop else ceiling - m.end())
    body = text[m.end() : hi]
    # The strongest separator the list uses: "A; B; and C", else "A, B, and C" / "A, B and C", else "A and B".
    if m.group(0).strip() == "to":  # "two memoranda to prevent incidents ... and to strengthen ..."
        seps = r",?\s+and\s+to\s+|,\s+to\s+"
    elif ";" in body:
        seps = r"\s*;\s*(?:and\s+)?"
    elif "," in body:
        oxford = re.search(r",\s+and\s+", body)
        seps = r"\s*,\s*(?:and\s+)?" if oxford else r"\s*,\s*|\s+and\s+(?!.*,)"
    else:
        seps = r"\s+and\s+"
    out, pos = [], 0
    for sep in re.finditer(seps, body):
        out.append((m.end() + pos, m.end() + sep.start()))
        pos = sep.end()
    out.append((m.end() + pos, m.end() + len(body.rstrip())))
    out = [(a, b) for a, b in out if b > a]
    if len(out) < 2 or any(len(text[a:b].split()) > 10 for a, b in out):
        return None
    return text[head_end : m.end()], out


def initials(key: str) -> str:
    """The initials of a title key's content words: "reciprocal access agreement" gives "raa"."""
    return "".join(w[0] for w in key.split() if w not in _LEAD | {"on", "to"})


_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_TITLE_PART = re.compile(r"[A-Za-z][\w'’-]*")


def acronym_start(text: str, head_start: int, head_end: int, floor: int) -> int | None:
    """Start of an instrument's name its acronym spells out: "a comprehensive economic partnership agreement
    (CEPA)", "the visiting forces agreement (VFA)" (each content word's initial, in order, gives the letters
    of the bracketed acronym after the head); None when no acronym follows or it spells something else."""
    m = _ACRONYM_AFTER.match(text, head_end)
    if not m or not re.fullmatch(r"[A-Z]{2,}[A-Za-z]*", m.group("acr")):
        return None
    want = m.group("acr").lower()
    words = [w for w in _TITLE_PART.finditer(text, max(floor, head_start - 120), head_end)]
    for i in range(len(words) - 1, -1, -1):
        start = words[i].start()
        if start > head_start:
            continue
        got = initials(" ".join(w.group(0).lower() for w in words[i:]))
        if got == want:
            return start
        if len(got) > len(want):
            break
    return None


@cache
def _part_re() -> re.Pattern[str]:
    parts = "|".join(re.escape(w) for w in sorted(load("agreement_titles.json").part_heads, key=len, reverse=True))
    # "(a revised) Annex C of the (1973) ", "the Additional Protocol to the ": right before the instrument's title.
    return re.compile(
        rf"(?<![\w-])(?P<part>(?i:{parts}))(?:\s+(?P<id>[A-Z0-9][A-Za-z0-9]{{0,3}}|[IVX]+))?\s+(?:of|to)\s+"
        rf"(?:the\s+)?(?:(?:19|20)\d\d\s+)?\Z"
    )


def part_before(text: str, title_start: int, floor: int) -> tuple[int, int] | None:
    """(start, end) of the part of an instrument written right before its title: "Annex C" in "a revised
    Annex C of the 1973 Itaipu Treaty"; None when there is none."""
    lo = max(floor, title_start - 60)
    m = _part_re().search(text, lo, title_start)
    if m is None:
        return None
    return m.start("part"), m.end("id") if m.group("id") else m.end("part")

"""Instrument titles: the capitalised name before a head ("Visiting Forces" Agreement) and the
capitalised subject after it ("... on Cooperation in the Field of Higher Education"), and the key two
mentions of one titled instrument share."""

from __future__ import annotations

import re

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
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$|"
    r"(?:19|20)\d\d\b"
)
_QUOTED = re.compile(r'["“][A-Z][^"“”\n]{0,120}["”]')
_CLOSER = re.compile(r"[\])]")
COMPLEMENT = re.compile(
    r"\s+(?:on|concerning|regarding|relating to|related to|for|between|in the field of|in the fields of|"
    r"of(?=\s+(?-i:(?:the\s+)?[A-Z])))\s+",  # "Treaty of Nancy", not "declaration of war"
    re.I,
)


def chain_before(text: str, head_start: int, floor: int) -> int:
    """Start of a run of capitalised words right before a head ("Visiting Forces" Agreement)."""
    floor = max(floor, head_start - 160)
    pos = head_start
    words = list(re.finditer(r"[\w'’&().-]+", text[floor:head_start]))
    start = head_start
    for w in reversed(words):
        gap = text[floor + w.end() : pos]
        if gap.strip(" -"):
            break
        token = w.group(0)
        if token.endswith(("'s", "’s")):
            break
        if TITLE_WORD.fullmatch(token) or (token.lower() in FUNCTION | PARTICLES and start < head_start):
            start = floor + w.start()
            pos = start
            continue
        break
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
    for w in re.finditer(r"[\w'’&().-]+|,", text[pos:ceiling]):
        token = w.group(0)
        absolute_end = pos + w.end()
        if token == ",":
            continue
        if TITLE_WORD.fullmatch(token):
            if CALENDAR.match(token):
                break  # "on Saturday", "in November": a date, not a subject
            seen_capital = True
            end = absolute_end - (1 if token.endswith(".") and not re.search(r"\.\w", token) else 0)
        elif token.lower() in FUNCTION:
            if not seen_capital and token.lower() not in {"the", "a"}:
                break
            continue
        else:
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
        if head.startswith(plural):
            return single + head[len(plural) :]
    if head.endswith("s") and not head.endswith("ss"):
        return head[:-1]
    return head

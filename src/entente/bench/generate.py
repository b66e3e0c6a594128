"""A seeded generator of realistic, varied articles of ours, for benchmarks at scale.

Each article is written from our own sentence templates (``bench/templates.json``): a
headline, a wire dateline in one of several outlets' styles, a lead naming leaders with honorifics
and titles, then paragraphs mixing the facts (meetings and visits, done or planned, partnership
levels, areas of cooperation, agreements, commitments with deadlines, figures with currency
conversions) with the background prose of real wire copy (quotes, protocol, context, analysis), so
that length and fact density are those of real reports (``entente bench`` prints both beside the
seed articles'); about one in eight is a negative (sport, markets, domestic politics).  The same
seed always gives the same corpus, and no text appears twice in it.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from ..data import load
from ..data.contracts.bench_templates import Contract as Templates

MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Bernama", "Reuters", "VNA", "Kyodo", "Antara", "Yonhap", "AFP", "Xinhua", "PTI", "WAM"]
AREA_PHRASES = [
    "semiconductor supply chains", "renewable energy", "halal products", "cybersecurity",
    "maritime security", "higher education", "tourism", "digital economy", "agriculture and food security",
    "defence industry", "public health and vaccines", "climate change", "5G networks", "space research",
    "Islamic finance", "smart cities", "vocational training", "railways and ports", "counter-terrorism",
    "disaster relief", "artificial intelligence", "data centres", "people-to-people exchanges",
]
LEVELS = ["Strategic Partnership", "Comprehensive Strategic Partnership", "Enhanced Partnership",
          "Comprehensive Partnership"]
CURRENCIES = [("US$", 1.0), ("RM", 4.5), ("¥", 140.0), ("€", 0.92), ("S$", 1.35), ("A$", 1.5)]


@dataclass(frozen=True)
class Leader:
    iso3: str
    capital: str
    title: str
    honorific: str
    name: str

    def full(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def short(self) -> str:
        parts = [p for p in self.name.split() if p not in {"Jr", "Sr", "Jr.", "Sr."}]
        return parts[0] if self.iso3 in {"MYS", "KOR", "CHN", "VNM", "IDN", "ARE", "SAU"} else parts[-1]


@cache
def leaders() -> list[Leader]:
    return [Leader(p.iso3, p.capital, p.title, p.honorific, p.name) for p in load("people.tsv", "entente.bench").rows]


@cache
def country_names() -> dict[str, str]:
    from ..extract.countries import country_name

    names = {lead.iso3: country_name(lead.iso3) or lead.iso3 for lead in leaders()}
    # in running text some names take the article ("the Philippines", "the United States")
    return {iso3: f"the {name}" if name.startswith(THE_NAMES) else name for iso3, name in names.items()}


THE_NAMES = ("United ", "Philippines", "Netherlands", "Czech Republic", "Maldives", "Gambia", "Bahamas")


@cache
def demonyms() -> dict[str, str]:
    from ..extract.countries import countries

    table = countries()
    return {lead.iso3: (table[lead.iso3].demonyms or (lead.iso3,))[0] for lead in leaders()}


def _dateline(rng: random.Random, city: str, day: date) -> str:
    outlet = rng.choice(OUTLETS)
    month = MONTHS[day.month - 1]
    style = rng.randrange(5)
    if style == 0:
        return f"{city.upper()}, {month} {day.day} ({outlet}) — "
    if style == 1:
        return f"{city.upper()}, {month} {day.day} — "
    if style == 2:
        return f"{city} ({outlet}) - "
    if style == 3:
        return f"{city.upper()}: "
    return f"date {day.isoformat()}\n\n{city.upper()} ({outlet}) -- "


def _money(rng: random.Random) -> tuple[str, str]:
    symbol, rate = rng.choice(CURRENCIES)
    usd = rng.uniform(0.2, 40.0)
    local = usd * rate
    text = f"{symbol}{local:,.2f} billion"
    if symbol != "US$":
        drift = rng.choice([1.0, 1.0, 1.0, 1.6])  # some stated conversions are off
        text += f" (US${usd * drift:,.2f} billion)"
    return text, symbol


@cache
def templates() -> Templates:
    """The sentence templates (``bench/templates.json``), by role."""
    return load("templates.json", "entente.bench")


def _prose(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rng: random.Random, role: str, values: dict) -> str:
    return _sentence(rng.choice(templates().role(role)).format(**values))


def _a(phrase: str) -> str:
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"


def _values(rng: random.Random, a: Leader, b: Leader, host: Leader, day: date) -> dict:
    """What the templates of one article are filled with (``host``: ``a`` or ``b``, where they meet)."""
    names, adj = country_names(), demonyms()
    guest = b if host is a else a
    areas = rng.sample(AREA_PHRASES, rng.randint(6, 12))
    year = day.year
    return {
        "A": names[a.iso3], "B": names[b.iso3], "adjA": adj[a.iso3], "adjB": adj[b.iso3],
        "leadA": f"{a.title} {a.full()}", "leadB": f"{b.title} {b.full()}", "fullA": a.full(), "fullB": b.full(),
        "shortA": a.short(), "shortB": b.short(),
        "host": names[host.iso3], "guest": names[guest.iso3], "hostCap": host.capital, "guestCap": guest.capital,
        "hostShort": host.short(), "guestShort": guest.short(), "guestLead": f"{guest.title} {guest.full()}",
        "hostAdj": adj[host.iso3], "guestAdj": adj[guest.iso3],
        "area0": areas[0], "area1": areas[1], "area2": areas[2], "areas": _prose(areas[:rng.randint(2, 4)]),
        "areasMore": _prose(areas[4:]),
        "level": rng.choice(LEVELS), "aLevel": _a(rng.choice(LEVELS)), "oldLevel": rng.choice(LEVELS),
        "year": year, "prevYear": year - 1, "pastYear": year - rng.randint(2, 9), "targetYear": year + rng.randint(1, 5),
        "money": _money(rng)[0], "money2": _money(rng)[0], "nMous": rng.choice(["two", "three", "four", "five", "six"]),
        "ordinal": rng.choice(["second", "third", "fourth", "fifth", "sixth"]), "count": f"{rng.randint(100, 3000):,}",
        "days": rng.choice(["two", "three", "four", "five"]), "years": rng.randint(3, 15), "pct": rng.randint(2, 40),
        "month": MONTHS_LONG[(day.month + rng.randint(1, 8)) % 12], "summit": rng.choice(templates().summit),
        "weekday": WEEKDAYS[day.weekday()], "outlet": rng.choice(OUTLETS),
    }


# How many sentences of each role an article draws, as (lowest, highest); a role also drawn with a chance.
FACT_ROLES = [("visit", 0, 2), ("level", 0, 1), ("agreement", 1, 4), ("commitment", 0, 2), ("figure", 1, 3),
              ("areas", 1, 3), ("past", 0, 2), ("plan", 0, 2)]
BACKGROUND = (6, 15)  # background sentences (quotes, context, protocol, analysis) per article


def article(rng: random.Random, index: int) -> dict:
    """One article as a JSONL-ready dict (`id`, `text`, `published`, `topic`): a headline, a dateline and lead, then
    paragraphs of one to three sentences mixing the facts (meetings, visits, partnership level, areas,
    agreements, commitments, figures, plans) with the background prose around them in real reports."""
    if rng.random() < 0.125:
        return _negative(rng, index)
    a, b = rng.sample(leaders(), 2)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    host = rng.choice([a, b])
    values = _values(rng, a, b, host, day)
    facts: list[str] = []
    for role, low, high in FACT_ROLES:
        facts.extend(dict.fromkeys(_fill(rng, role, values) for _ in range(rng.randint(low, high))))
    background = rng.sample(templates().background, rng.randint(*BACKGROUND))
    sentences = facts
    for text in background:  # the facts keep their order; background sentences fall between them
        sentences.insert(rng.randint(0, len(sentences)), _sentence(text.format(**values)))
    paragraphs: list[str] = []
    while sentences:
        take = rng.choice([1, 1, 2, 2, 3])
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    lines = [_fill(rng, "headline", values), _dateline(rng, host.capital, day) + _fill(rng, "lead", values),
             *paragraphs, _fill(rng, "closing", values)]
    return {"id": f"gen-{index:07d}", "text": "\n\n".join(line for line in lines if line), "published": day.isoformat(),
            "topic": "relations"}


TEAMS = ["City", "United", "Rovers", "Athletic", "Wanderers", "Albion", "Rangers", "County", "Town", "Harriers",
         "Dynamo", "Olympic", "Sporting", "Real", "Racing", "Union"]
CUPS = ["cup final", "league decider", "semi-final", "derby", "season opener", "title play-off"]
SECTORS = ["technology", "energy", "banking", "mining", "retail", "telecoms", "property", "healthcare"]
PARTIES = ["opposition party", "ruling coalition", "green party", "farmers' party", "liberal alliance",
           "regional front"]
ISSUES = ["housing", "local taxes", "public transport", "schools", "water supply", "hospital waiting lists",
          "road repairs", "flood defences"]


def _negative(rng: random.Random, index: int) -> dict:
    """Sport, markets or domestic politics: no relation between countries."""
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    weekday = WEEKDAYS[day.weekday()]
    kind = rng.randrange(3)
    topic = ("sport", "markets", "politics")[kind]
    extra = rng.sample(templates().negative_background[topic], rng.randint(2, 5))
    if kind == 0:
        home, away = rng.sample(TEAMS, 2)
        text = (f"{home} clinch the {rng.choice(CUPS)}\n\nLONDON — {home} beat {away} {rng.randint(1, 5)}-"
                f"{rng.randint(0, 3)} on {weekday}, with their captain scoring twice before "
                f"{rng.randint(4_000, 90_000):,} fans. The manager praised his squad's spirit after "
                f"{rng.randint(3, 14)} matches without a win earlier in the season.")
    elif kind == 1:
        sector, other = rng.sample(SECTORS, 2)
        text = (f"Stocks close {rng.choice(['higher', 'lower', 'mixed'])}\n\nShares moved "
                f"{rng.uniform(0.1, 3.5):.2f}% on {weekday} as {sector} companies rallied and {other} stocks "
                "eased. Traders said the central bank's next decision on interest rates would set the tone, "
                f"while the index ended at {rng.randint(2000, 9000):,} points.")
    else:
        party, issue = rng.choice(PARTIES), rng.choice(ISSUES)
        text = (f"{party[0].upper() + party[1:]} wins provincial vote\n\nThe {party} won a majority in the "
                f"provincial assembly on {weekday}, taking {rng.randint(30, 90)} of the seats after a campaign "
                f"focused on {issue}. Turnout was {rng.uniform(40, 80):.1f}%, officials said.")
    text += "\n\n" + " ".join(extra[:2]) + ("\n\n" + " ".join(extra[2:]) if extra[2:] else "")
    return {"id": f"gen-{index:07d}", "text": text, "published": day.isoformat(), "topic": topic}


def _fingerprint(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


def generate(n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` distinct articles (a text drawn twice is drawn again, from the same seeded stream)."""
    rng = random.Random(seed)
    seen: set[bytes] = set()
    for i in range(n):
        for _ in range(1000):
            item = article(rng, i)
            key = _fingerprint(item["text"])
            if key not in seen:
                break
        seen.add(key)
        yield item


def write_corpus(path: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` articles as JSONL (streamed; memory stays flat)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for item in generate(n, seed):
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path

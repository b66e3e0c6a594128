"""A seeded generator of realistic, varied articles of ours, for benchmarks at scale.

Each article is written from our own sentence templates: a wire dateline in one of
several outlets' styles, leaders with honorifics and titles, a meeting or visit,
areas of cooperation, agreements, commitments with deadlines and figures with
currency conversions; about one in eight is a negative (sport, markets, domestic
politics).  The same seed always gives the same corpus, and no text appears twice in it.
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

from ..data import read_rows

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
        parts = self.name.split()
        return parts[0] if self.iso3 in {"MYS", "KOR", "CHN", "VNM", "IDN", "ARE", "SAU"} else parts[-1]


@cache
def leaders() -> list[Leader]:
    return [Leader(*row[:5]) for row in read_rows("bench_people.tsv")]


@cache
def country_names() -> dict[str, str]:
    from ..extract.countries import country_name

    return {lead.iso3: country_name(lead.iso3) or lead.iso3 for lead in leaders()}


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


def article(rng: random.Random, index: int) -> dict:
    """One article as a JSONL-ready dict (`id`, `text`, `published`, `outlet`)."""
    people = leaders()
    names = country_names()
    adj = demonyms()
    if rng.random() < 0.125:
        return _negative(rng, index)
    a, b = rng.sample(people, 2)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    weekday = WEEKDAYS[day.weekday()]
    host = rng.choice([a, b])
    guest = b if host is a else a
    areas = rng.sample(AREA_PHRASES, rng.randint(2, 6))
    money, _ = _money(rng)
    year = day.year
    lines = [
        f"{names[a.iso3]} and {names[b.iso3]} agree to deepen ties in {areas[0]}",
        "",
        _dateline(rng, host.capital, day)
        + f"{names[a.iso3]} and {names[b.iso3]} have agreed to expand cooperation in {', '.join(areas[:-1])} "
        f"and {areas[-1]}, {a.title} {a.full()} said after meeting his {adj[b.iso3]} counterpart "
        f"{b.full()} in {host.capital} on {weekday}.",
        "",
        f"{guest.short()} arrived on a {rng.choice(['two', 'three', 'four'])}-day official visit, "
        f"the first by a {adj[guest.iso3]} leader in {rng.randint(3, 12)} years.",
        "",
    ]
    if rng.random() < 0.5:
        lines.append(
            f"The two leaders elevated bilateral relations to a {rng.choice(LEVELS)}, "
            f"up from the {rng.choice(LEVELS)} agreed in {year - rng.randint(3, 9)}."
        )
        lines.append("")
    n_mous = rng.choice(["two", "three", "four", "five"])
    lines.append(
        f"Ministers exchanged {n_mous} memoranda of understanding covering {areas[0]} and {areas[1]}, "
        f"and both sides will aim to conclude a free trade agreement by {year + rng.randint(1, 3)}."
    )
    lines.append("")
    lines.append(
        f"Bilateral trade reached {money} in {year - 1}, making {names[b.iso3]} the "
        f"{rng.choice(['second', 'third', 'fourth', 'fifth', 'sixth'])} largest trading partner of "
        f"{names[a.iso3]}, while {rng.randint(100, 3000):,} projects by companies from "
        f"{names[b.iso3]} have been carried out so far."
    )
    lines.append("")
    if rng.random() < 0.4:
        lines.append(
            f"The leaders are expected to meet again at the regional summit next year, "
            f"a senior official said, and {guest.short()} invited {host.short()} to visit {guest.capital}."
        )
        lines.append("")
    lines.append(f"— {rng.choice(OUTLETS)}")
    return {"id": f"gen-{index:07d}", "text": "\n".join(lines), "published": day.isoformat()}


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
    return {"id": f"gen-{index:07d}", "text": text, "published": day.isoformat()}


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

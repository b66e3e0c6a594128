"""Plotly figure specs (plain dicts) built on the server from the query models.

Pages embed them as JSON data blocks; ``static/charts.js`` draws them with the
plotly.js of the installed ``plotly`` package.  Click targets are page-relative
URLs carried in ``customdata``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from urllib.parse import quote

from ..kb.queries import AreaMatrix, EventView, LevelStep, PairSummary
from ..record import AHEAD_STATUSES, HELD_STATUSES

PALETTE = ("#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d")
NO_LEVEL = "no level reported"
DONE = set(HELD_STATUSES)
AHEAD = set(AHEAD_STATUSES)
BASE_LAYOUT = {
    "margin": {"l": 40, "r": 20, "t": 10, "b": 40},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "font": {"family": "system-ui, sans-serif", "size": 12},
    "hovermode": "closest",
}


def pair_url(pair: list[str]) -> str:
    return f"/pair/{quote(pair[0])}/{quote(pair[1])}"


def nice(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _layout(**extra: object) -> dict:
    return {**BASE_LAYOUT, **extra}


def circle_layout(nodes: list[str], weights: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Positions on a circle, busiest country first at the top, others clockwise by weight."""
    ordered = sorted(nodes, key=lambda n: (-weights.get(n, 0), n))
    if len(ordered) == 1:
        return {ordered[0]: (0.0, 0.0)}
    positions = {}
    for i, node in enumerate(ordered):
        angle = math.pi / 2 - 2 * math.pi * i / len(ordered)
        positions[node] = (round(math.cos(angle), 4), round(math.sin(angle), 4))
    return positions


def pair_order(pairs: list[tuple[str, str]], weights: dict[str, int]) -> list[str]:
    """Countries in an order that keeps partners side by side on a circle: the connected groups one after
    another (busiest first), each walked from its busiest country, always to the unplaced country most tied
    to the last ones placed.  Pairs of a group then sit next to each other, so their edges are short chords
    that cross no other pair's edges where the network allows it."""
    links: dict[str, dict[str, int]] = {}
    for a, b in pairs:
        links.setdefault(a, {})[b] = links.setdefault(b, {}).get(a, 0) + 1
        links[b][a] = links[a][b]
    rank = {n: (-weights.get(n, 0), n) for n in links}
    order: list[str] = []
    placed: set[str] = set()
    for start in sorted(links, key=rank.__getitem__):
        if start in placed:
            continue
        group = [start]
        placed.add(start)
        while True:
            frontier = {n for g in group for n in links[g] if n not in placed}
            if not frontier:
                break
            # most tied to the most recently placed countries, then the busiest
            nxt = min(frontier, key=lambda n: (
                -max((i for i, g in enumerate(group) if n in links[g]), default=-1), rank[n]))
            group.append(nxt)
            placed.add(nxt)
        order += group
    return order


EDGE_BEND = 0.4  # an edge's control point: its chord's midpoint pulled this far towards the centre (1: none)
EDGE_POINTS = 9  # points drawn per edge (odd: the middle one carries the pair's hover text)


def edge_curve(p0: tuple[float, float], p1: tuple[float, float]) -> list[tuple[float, float]]:
    """An edge between two countries on the circle as a quadratic curve bowed towards the centre: the
    countries on the arc between them stay clear of it (a straight chord between two countries two steps
    apart grazes the one between; the curve passes well inside). Opposite countries get a straight line."""
    cx, cy = (p0[0] + p1[0]) / 2 * EDGE_BEND, (p0[1] + p1[1]) / 2 * EDGE_BEND
    out = []
    for i in range(EDGE_POINTS):
        t = i / (EDGE_POINTS - 1)
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append((round(a * p0[0] + b * cx + c * p1[0], 4), round(a * p0[1] + b * cy + c * p1[1], 4)))
    return out


def _label_side(x: float, y: float) -> str:
    """Put a node's label outside the circle, away from the edges."""
    if y > 0.5:
        return "top center"
    if y < -0.5:
        return "bottom center"
    return "middle right" if x > 0 else "middle left"


def network_figure(pairs: list[PairSummary], names: dict[str, str]) -> dict:
    """Countries as nodes, pairs as edges coloured by their current partnership level."""
    weights: dict[str, int] = {}
    for p in pairs:
        for c in p.pair:
            weights[c] = weights.get(c, 0) + p.documents
    order = pair_order([(p.pair[0], p.pair[1]) for p in pairs], weights)
    pos = circle_layout(order, {n: len(order) - i for i, n in enumerate(order)})  # in that order, clockwise
    levels = sorted({p.level or NO_LEVEL for p in pairs}, key=lambda lv: (lv == NO_LEVEL, lv))
    traces: list[dict] = []
    mids: dict[str, list] = {"x": [], "y": [], "text": [], "customdata": []}
    for i, level in enumerate(levels):
        xs: list[float | None] = []
        ys: list[float | None] = []
        width = 1.5
        for p in pairs:
            if (p.level or NO_LEVEL) != level:
                continue
            curve = edge_curve(pos[p.pair[0]], pos[p.pair[1]])
            xs += [x for x, _ in curve] + [None]
            ys += [y for _, y in curve] + [None]
            width = max(width, min(6.0, 1.5 + p.documents))
            mid = curve[len(curve) // 2]
            mids["x"].append(mid[0])
            mids["y"].append(mid[1])
            last = p.last_event
            when = f"<br>last event: {last.kind} {last.date or ''}" if last else ""
            mids["text"].append(
                f"{p.pair[0]}–{p.pair[1]}<br>{nice(p.level) or NO_LEVEL}<br>{p.documents} documents, "
                f"{p.events} events, {p.areas} areas{when}"
            )
            mids["customdata"].append(pair_url(p.pair))
        color = "#9aa5b5" if level == NO_LEVEL else PALETTE[i % len(PALETTE)]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": xs,
                "y": ys,
                "name": nice(level),
                "line": {"color": color, "width": width, "dash": "dot" if level == NO_LEVEL else "solid"},
                "hoverinfo": "skip",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": mids["x"],
            "y": mids["y"],
            "text": mids["text"],
            "customdata": mids["customdata"],
            "hoverinfo": "text",
            "showlegend": False,
            "name": "pairs",
            "marker": {"size": 14, "color": "rgba(0,0,0,0)", "line": {"width": 0}},
        }
    )
    nodes = sorted(pos)
    traces.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "countries",
            "showlegend": False,
            "x": [pos[n][0] for n in nodes],
            "y": [pos[n][1] for n in nodes],
            "text": [n for n in nodes],
            "textposition": [_label_side(*pos[n]) for n in nodes],
            "hovertext": [f"{names.get(n, n)}: {weights[n]} document mentions" for n in nodes],
            "hoverinfo": "text",
            "customdata": [f"/country/{quote(n)}" for n in nodes],
            "marker": {
                "size": [12 + min(20, 2 * weights[n]) for n in nodes],
                "color": "#14233a",
                "line": {"color": "#fff", "width": 2},
            },
            "textfont": {"size": 14, "color": "#14233a"},
        }
    )
    axis = {"visible": False, "range": [-1.3, 1.3], "fixedrange": True}
    return {
        "data": traces,
        "layout": _layout(
            xaxis=axis,
            yaxis={**axis, "scaleanchor": "x"},
            height=540,
            legend={"orientation": "h", "y": -0.02, "title": {"text": "level "}},
            margin={"l": 10, "r": 10, "t": 10, "b": 10},
        ),
    }


def events_figure(events: list[EventView]) -> dict | None:
    """Dated events on a time axis, one row per kind: occurred vs planned/expected vs other."""
    dated = [e for e in events if e.date]
    if not dated:
        return None
    groups = (
        ("occurred", DONE, "#15803d", "circle"),
        ("planned / expected", AHEAD, "#7e22ce", "circle-open"),
        ("other status", None, "#a16207", "diamond"),
    )
    traces = []
    for name, statuses, color, symbol in groups:
        chosen = [
            e
            for e in dated
            if (e.status in statuses if statuses is not None else e.status not in DONE | AHEAD)
        ]
        spans = [e for e in chosen if _vague(e)]
        chosen = [e for e in chosen if not _vague(e)]
        if spans:  # a year (or a month) is drawn as the span it is, not as a point on its first day
            traces.append(_spans_trace(name, spans, color, showlegend=not chosen))
        if not chosen:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "legendgroup": name,
                "x": [e.date for e in chosen],
                "y": [nice(e.kind) for e in chosen],
                "text": [
                    f"{nice(e.kind)} ({e.status}) {e.date}"
                    + (f" — {e.place}" if e.place else "")
                    + f"<br>{len(e.sources)} source(s)"
                    + ("<br>date conflict" if e.conflict else "")
                    + ("<br>announced, then held" if e.promoted else "")
                    for e in chosen
                ],
                "hoverinfo": "text",
                "marker": {
                    "size": [11 + 3 * min(4, len(e.sources)) for e in chosen],
                    "color": color,
                    "symbol": symbol,
                    "line": {"width": 2, "color": color},
                },
            }
        )
    kinds = sorted({nice(e.kind) for e in dated})
    return {
        "data": traces,
        "layout": _layout(
            height=120 + 36 * len(kinds),
            xaxis={"type": "date", "title": {"text": ""}, **_date_range(dated)},
            yaxis={"type": "category", "categoryorder": "array", "categoryarray": kinds, "automargin": True},
            legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
            margin={"l": 10, "r": 20, "t": 40, "b": 30},
        ),
    }


def _vague(e: EventView) -> bool:
    """An event dated only by its year or month (not a range the text gave)."""
    return bool(e.date) and (e.precision in ("year", "month") or len(e.date or "") < 10) and not e.date_end


def _span(e: EventView) -> tuple[str, str]:
    """The first and last day of a year- or month-precise date."""
    first = _as_date(e.date or "")
    if len(e.date or "") == 4 or e.precision == "year":
        return first.isoformat(), date(first.year, 12, 31).isoformat()
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()


def _spans_trace(name: str, events: list[EventView], color: str, showlegend: bool) -> dict:
    """Year- or month-precise events as horizontal bars over the days they cover (one line per event)."""
    x: list[str | None] = []
    y: list[str | None] = []
    text: list[str | None] = []
    for e in events:
        first, last = _span(e)
        label = f"{nice(e.kind)} ({e.status}) {e.date}" + (f" — {e.place}" if e.place else "")
        label += f"<br>{len(e.sources)} source(s)"
        x += [first, last, None]
        y += [nice(e.kind), nice(e.kind), None]
        text += [label, label, None]
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "legendgroup": name,
        "showlegend": showlegend,
        "x": x,
        "y": y,
        "text": text,
        "hoverinfo": "text",
        "line": {"color": color, "width": 8},
    }


def _date_range(dated: list[EventView]) -> dict:
    """A readable axis range: at least two months around the events (one event gave sub-second ticks)."""
    days = sorted(
        day
        for e in dated
        if e.date
        for day in ([_as_date(x) for x in _span(e)] if _vague(e) else [_as_date(e.date)])
    )
    if not days:
        return {}
    first, last = days[0], days[-1]
    pad = max(timedelta(days=30), (last - first) / 10)
    return {"range": [(first - pad).isoformat(), (last + pad).isoformat()]}


def _as_date(value: str) -> date:
    parts = [int(x) for x in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def levels_figure(levels: list[LevelStep]) -> dict | None:
    """The partnership level over time (dated steps only)."""
    dated = [lv for lv in levels if lv.date]
    if len({lv.date for lv in dated}) < 2:  # one step: the list under the chart says it all
        return None
    order: list[str] = []
    for lv in dated:
        if lv.previous and nice(lv.previous) not in order:
            order.append(nice(lv.previous))
        if nice(lv.level) not in order:
            order.append(nice(lv.level))
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "level",
                "line": {"shape": "hv", "color": "#1f5fa8"},
                "x": [lv.date for lv in dated],
                "y": [nice(lv.level) for lv in dated],
                "text": [
                    f"{nice(lv.level)} ({lv.status}) {lv.date}<br>{len(lv.sources)} source(s)" for lv in dated
                ],
                "hoverinfo": "text",
                "marker": {"size": 10},
            }
        ],
        "layout": _layout(
            height=110 + 32 * len(order),
            xaxis={"type": "date"},
            yaxis={"type": "category", "categoryorder": "array", "categoryarray": order, "automargin": True},
            margin={"l": 10, "r": 20, "t": 10, "b": 30},
            showlegend=False,
        ),
    }


def heatmap_figure(matrix: AreaMatrix) -> dict | None:
    """Partners × areas: colour is the number of sources, hover gives the strongest status."""
    if not matrix.areas or not matrix.partners:
        return None
    z, text, hover, links = [], [], [], []
    for area in matrix.areas:
        row, trow, hrow, lrow = [], [], [], []
        for partner in matrix.partners:
            cell = matrix.cells.get(area, {}).get(partner)
            row.append(cell.source_count if cell else None)
            trow.append(cell.status if cell else "")
            hrow.append(
                f"{nice(area)} with {partner}: "
                + (f"{cell.status}, {cell.source_count} source(s)" if cell else "not reported")
            )
            lrow.append(pair_url(sorted([matrix.country, partner])))
        z.append(row)
        text.append(trow)
        hover.append(hrow)
        links.append(lrow)
    return {
        "data": [
            {
                "type": "heatmap",
                "x": matrix.partners,
                "y": [nice(a) for a in matrix.areas],
                "z": z,
                "text": text,
                "texttemplate": "%{text}",
                "hovertext": hover,
                "hoverinfo": "text",
                "customdata": links,
                "xgap": 2,
                "ygap": 2,
                "zmin": 0,
                "zmax": max(1, max((v for row in z for v in row if v), default=1)),
                "colorscale": [[0, "#dbe7f6"], [1, "#14386b"]],
                "colorbar": {"title": {"text": "sources"}, "thickness": 12, "dtick": 1, "tickformat": "d"},
            }
        ],
        "layout": _layout(
            height=140 + 26 * len(matrix.areas),
            xaxis={"side": "top", "type": "category"},
            yaxis={"type": "category", "autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
        ),
    }

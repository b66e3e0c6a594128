"""The home page's network: partners sit side by side on the circle, so edges do not cut across the others."""

from __future__ import annotations

import itertools
import math

from entente.web.charts import circle_layout, pair_order


def crossings(order: list[str], pairs: list[tuple[str, str]]) -> int:
    """Chords of a circle in this order that cross (two edges with four distinct ends, interleaved)."""
    at = {n: i for i, n in enumerate(order)}
    count = 0
    for i, (a, b) in enumerate(pairs):
        lo, hi = sorted((at[a], at[b]))
        for c, d in pairs[i + 1 :]:
            if len({a, b, c, d}) == 4 and (lo < at[c] < hi) != (lo < at[d] < hi):
                count += 1
    return count


PAIRS = [
    ("AAA", "BBB"),
    ("CCC", "DDD"),
    ("EEE", "FFF"),
    ("GGG", "HHH"),
    ("MYS", "JPN"),
    ("MYS", "KOR"),
    ("MYS", "USA"),
    ("JPN", "KOR"),
]
WEIGHTS = {
    "AAA": 9,
    "CCC": 8,
    "EEE": 7,
    "GGG": 6,
    "BBB": 1,
    "DDD": 2,
    "FFF": 3,
    "HHH": 4,
    "MYS": 10,
    "JPN": 5,
    "KOR": 5,
    "USA": 2,
}


def test_partners_are_ordered_side_by_side_and_no_edges_cross():
    order = pair_order(PAIRS, WEIGHTS)
    assert sorted(order) == sorted(WEIGHTS)
    assert crossings(order, PAIRS) == 0
    by_weight = sorted(
        WEIGHTS, key=lambda n: (-WEIGHTS[n], n)
    )  # the old layout: busiest first, whatever the pairs
    assert crossings(by_weight, PAIRS) > 0
    for a, b in [("AAA", "BBB"), ("CCC", "DDD"), ("EEE", "FFF"), ("GGG", "HHH")]:
        assert abs(order.index(a) - order.index(b)) == 1


def test_the_circle_keeps_the_given_order_clockwise():
    order = pair_order(PAIRS, WEIGHTS)
    pos = circle_layout(order, {n: len(order) - i for i, n in enumerate(order)})
    assert pos[order[0]] == (0.0, 1.0)  # the busiest group starts at the top
    assert pos[order[1]][0] > 0  # and goes clockwise


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if not dx and not dy:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _cross(a, b, c, d) -> bool:
    """Segments ab and cd cross at a point inside both (touching at an end does not count)."""

    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < -1e-12 and side(c, d, a) * side(c, d, b) < -1e-12


def _drawn(pairs, weights):
    """Node centres, marker radii and edge polylines (with their pairs) of the home page's figure, in pixels."""
    from entente.kb.views import PairSummary
    from entente.web.charts import network_figure

    summaries = [
        PairSummary(
            pair=sorted(p),
            names=list(p),
            level="strategic_partnership" if i % 2 else None,
            documents=min(weights[p[0]], weights[p[1]]),
        )
        for i, p in enumerate(pairs)
    ]
    fig = network_figure(summaries, {})
    layout = fig["layout"]
    lo, hi = layout["yaxis"]["range"]
    scale = (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]) / (hi - lo)  # px per unit
    (nodes,) = [t for t in fig["data"] if t.get("name") == "countries"]
    pos = {n: (x * scale, y * scale) for n, x, y in zip(nodes["text"], nodes["x"], nodes["y"], strict=True)}
    radius = dict(zip(nodes["text"], (size / 2 for size in nodes["marker"]["size"]), strict=True))
    at = {xy: n for n, xy in pos.items()}
    edges, widest = [], 0.0
    for trace in fig["data"]:
        if trace.get("mode") != "lines":
            continue
        widest = max(widest, trace["line"]["width"])
        line: list = []
        for x, y in zip(trace["x"], trace["y"], strict=True):
            if x is None:
                ends = (at[line[0]], at[line[-1]])
                edges.append((ends, line))
                line = []
            else:
                line.append((x * scale, y * scale))
    return pos, radius, edges, widest


def _assert_clear(pairs, weights) -> None:
    pos, radius, edges, widest = _drawn(pairs, weights)
    assert len(edges) == len(pairs) and {frozenset(e) for e, _ in edges} == {frozenset(p) for p in pairs}
    for ends, line in edges:
        for node, p in pos.items():
            if node in ends:
                continue
            gap = min(_segment_distance(p, a, b) for a, b in itertools.pairwise(line))
            assert gap > radius[node] + widest / 2, f"edge {ends} runs through {node} ({gap:.1f} px)"
    crossing = [
        (e, f)
        for i, (e, one) in enumerate(edges)
        for f, other in edges[i + 1 :]
        if not set(e) & set(f)
        and any(_cross(a, b, c, d) for a, b in itertools.pairwise(one) for c, d in itertools.pairwise(other))
    ]
    order = sorted(pos, key=lambda n: -math.atan2(pos[n][1], pos[n][0]) % (2 * math.pi))
    assert len(crossing) == crossings(order, [e for e, _ in edges])  # curves cross only where chords must


def test_the_home_network_draws_no_edge_through_an_unrelated_country():
    """The figure the home page draws: no edge runs through the marker of a country it does not join, and
    edges cross only where the circle order forces it (none for these pairs)."""
    _assert_clear(PAIRS, WEIGHTS)
    _, _, edges, _ = _drawn(PAIRS, WEIGHTS)
    pos = _drawn(PAIRS, WEIGHTS)[0]
    order = sorted(pos, key=lambda n: -math.atan2(pos[n][1], pos[n][0]) % (2 * math.pi))
    assert crossings(order, [e for e, _ in edges]) == 0


def test_a_busy_hub_and_its_partners_stay_clear_of_every_edge():
    """One country with 30 partners, a few of them partners of each other (a KB of one country's press)."""
    partners = [f"P{i:02d}" for i in range(30)]
    pairs = [("MYS", p) for p in partners] + [(partners[i], partners[i + 1]) for i in range(0, 12, 3)]
    weights = {"MYS": 60, **{p: 1 + (i % 5) for i, p in enumerate(partners)}}
    _assert_clear(pairs, weights)

"""The home page's network: partners sit side by side on the circle, so edges do not cut across the others."""

from __future__ import annotations

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

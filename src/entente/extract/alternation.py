"""Alternations grouped by first letter: the same matches, fewer attempts (``factor_alternation``,
``factor_groups``, ``compile_ci``; also reached through :mod:`entente.extract.lexfilter`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


def _structure(regex: str) -> Iterator[tuple[int, str]]:
    """(index, character) of the characters of ``regex`` that give it structure: not escaped (``\\|``) and
    not inside a character class (``[|(]``, ``[^]x]``, ``[]x]``: a ``]`` first in a class is a member)."""
    i, in_class = 0, False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if regex[i + 1 : i + 2] == "^":
                i += 1
            if regex[i + 1 : i + 2] == "]":
                i += 1
        else:
            yield i, ch
        i += 1


def _top_level_bar_or_group(item: str) -> bool:
    """Does a regex fragment hold a top-level ``|`` or a capturing group?"""
    depth = 0
    for i, ch in _structure(item):
        if ch == "(":
            if item[i + 1 : i + 2] != "?":
                return True
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def factor_alternation(items: list[str], ignore_case: bool = True) -> str:
    """``a1|a2|...`` with the alternatives grouped by their first character: ``c(?:ounter|ooperate)|v(?:isit)``.

    The same matches, found faster: alternatives that begin with different characters cannot
    both match at one place, and within a character the order is kept.  ``ignore_case``: the
    pattern is matched case-insensitively (ASCII letters are grouped by lower case), else by
    the letter itself.  A first character may be an ASCII letter or digit, an escaped ASCII
    symbol (``\\$``) or a caseless plain symbol (``'``, ``¥``).  Falls back to the plain
    alternation when an alternative begins otherwise, or holds a top-level ``|`` or a
    capturing group.
    """
    plain = "|".join(items)
    groups: dict[str, list[str]] = {}  # by the character itself (lower case for letters if ignore_case)
    heads: dict[str, str] = {}
    for item in items:
        head = _first_literal(item)
        if (
            head is None
            or item[len(head) : len(head) + 1] in ("?", "*", "+", "{")
            or _top_level_bar_or_group(item)
        ):
            return plain
        key = head[-1].lower() if ignore_case else head[-1]
        heads.setdefault(key, head.lower() if ignore_case else head)
        groups.setdefault(key, []).append(item[len(head) :])
    return "|".join(f"{heads[c]}(?:{'|'.join(rest)})" for c, rest in groups.items())


def _first_literal(item: str) -> str | None:
    """The regex text of the one literal character an alternative begins with, or ``None``."""
    if not item:
        return None
    ch = item[0]
    if ch == "\\":
        nxt = item[1:2]
        return item[:2] if nxt and nxt.isascii() and not nxt.isalnum() and nxt != "_" else None
    if ch.isascii():
        return ch if ch.isalnum() or ch in "'\"%&,:;<=>@_`~ -/!#" else None
    # A caseless symbol: no letter, digit or mark (their case or class may vary under flags).
    return (
        ch
        if ch.lower() == ch == ch.upper() and not ch.isalnum() and unicodedata.category(ch)[0] in "SP"
        else None
    )


def _split_top(body: str) -> tuple[list[str], list[tuple[int, int]]]:
    """``body`` cut at its top-level ``|``, and the spans of its top-level ``(?:...)`` groups."""
    items, groups, stack = [], [], []
    last = 0
    for i, ch in _structure(body):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            start = stack.pop()
            if not stack and body.startswith("(?:", start):
                groups.append((start, i + 1))
        elif ch == "|" and not stack:
            items.append(body[last:i])
            last = i + 1
    items.append(body[last:])
    return items, groups


def factor_groups(pattern: str) -> str:
    """``pattern`` (for case-insensitive use) with every ``(?:a|b|...)`` group's alternatives grouped
    by first letter (:func:`factor_alternation`): the same matches, fewer attempts.

    Left as it is when it holds inline flags, or anything but plain non-capturing groups.
    """
    if re.search(r"\(\?[a-zA-Z-]+[:)]|\(\?P|\(\?[=!<>#]|\((?!\?)", pattern):
        return pattern
    return _factor_in(pattern)


def _factor_in(body: str) -> str:
    items, groups = _split_top(body)
    if len(items) > 1:
        return "|".join(_factor_in(item) for item in items)
    out, last = [], 0
    for start, end in groups:
        inner = _factor_in(body[start + 3 : end - 1])
        parts, _ = _split_top(inner)
        out.append(body[last:start])
        out.append("(?:" + (factor_alternation(parts) if len(parts) > 1 else inner) + ")")
        last = end
    out.append(body[last:])
    return "".join(out)


def compile_ci(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern, re.I)`` of :func:`factor_groups` ``(pattern)``: same matches, faster."""
    return re.compile(factor_groups(pattern), re.I)

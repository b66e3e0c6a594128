"""``figure_metrics.json``: the lexicon of economic figures (metric cues, percentage cues, counted nouns,
ranked nouns, ordinals) that :mod:`entente.extract.figures` reads."""

from __future__ import annotations

from pydantic import Field

from ...record import Metric
from .. import DataContract


class Contract(DataContract):
    metric_cues: dict[Metric, list[str]]  # words near a figure that say what it measures
    percent_cues: list[str]  # a percentage is a figure only with one of these (or a metric cue) near it
    count_nouns: dict[str, tuple[Metric, int]]  # noun counted by a plain number -> (metric, smallest count)
    count_stop_words: list[str]  # words between a number and its noun that make it no count
    rank_nouns: dict[str, Metric]  # what a rank ("fourth largest trading partner") ranks (singular)
    rank_superlatives: list[str] = Field(min_length=1)  # "largest", "biggest" after an ordinal
    rank_alone: list[str]  # a rank of one without an ordinal ("the largest", "number one")
    ordinals: dict[str, int]  # "second" -> 2

"""``templates.json`` of :mod:`entente.bench`: the sentence templates of the benchmark corpus generator
(:mod:`entente.bench.generate`) by paragraph role, with ``{placeholders}`` it fills for each article."""

from __future__ import annotations

from string import Formatter

from pydantic import Field, field_validator

from .. import DataContract

Templates = list[str]


def _formats(templates: list[str]) -> list[str]:
    for t in templates:
        try:
            fields = [f for _, f, _, _ in Formatter().parse(t) if f is not None]
        except ValueError as err:
            raise ValueError(f"not a format string ({err}): {t!r}") from err
        if bad := [f for f in fields if not f.isidentifier()]:
            raise ValueError(f"placeholders must be names, not {bad}: {t!r}")
    return templates


class Contract(DataContract):
    headline: Templates = Field(min_length=1)
    lead: Templates = Field(min_length=1)
    visit: Templates = Field(min_length=1)
    level: Templates = Field(min_length=1)
    agreement: Templates = Field(min_length=1)
    commitment: Templates = Field(min_length=1)
    figure: Templates = Field(min_length=1)
    areas: Templates = Field(min_length=1)
    past: Templates = Field(min_length=1)
    plan: Templates = Field(min_length=1)
    background: Templates = Field(min_length=1)  # the prose of real wire copy around the facts
    closing: Templates = Field(min_length=1)
    summit: list[str] = Field(min_length=1)  # summit names a plan names
    negative_background: dict[str, Templates]  # topic -> sentences of an article with no relation

    @field_validator(
        "headline", "lead", "visit", "level", "agreement", "commitment", "figure", "areas", "past", "plan",
        "background", "closing",
    )
    @classmethod
    def _templates(cls, templates: list[str]) -> list[str]:
        return _formats(templates)

    @field_validator("negative_background")
    @classmethod
    def _topics(cls, topics: dict[str, list[str]]) -> dict[str, list[str]]:
        for sentences in topics.values():
            _formats(sentences)
        return topics

    def role(self, name: str) -> list[str]:
        """The templates of a paragraph role by its name."""
        return getattr(self, name)

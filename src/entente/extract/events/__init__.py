"""Events of a relation: meetings, visits, statements, press conferences, signings,
exercises and dialogues, with their status, date, place and participants.

1. Triggers (``data/event_triggers.json``) are found sentence by sentence; a kind
   earlier in the data's ``order`` hides an overlapping trigger of a later kind
   ("Joint Commission Meeting" is a dialogue, not a meeting).  Per sentence and
   kind only the first trigger counts.  Anaphoric triggers ("the meeting", "said
   the statement") only add evidence to an event already found.
2. Each mention gets a status from :mod:`.modality` (past reports are
   ``occurred``; "will", "decided to hold" are ``planned``; "set to", "expected
   to", "a source said" are ``expected``), a date (the date expression nearest the
   trigger in its sentence, not the date of a report such as "said Monday"), a
   place (the place nearest the trigger, "here" = the dateline, "visit to
   Malaysia" = that country) and participants (the people of the pair named in
   the sentence).  A visit "for a two-day official visit from Saturday" gets an
   end date.  A date after publication makes an "occurred" reading ``planned``.
3. Mentions of one event are merged: same kind, both done or both to come,
   compatible dates and places.  A mention without a date joins the nearest
   earlier compatible event.  "followed by a second one in April" is a new
   event of the same kind.
4. The events of one occasion share date and place: a joint statement, press
   conference or signing without its own date or place takes those of the
   meeting or visit of the article (only when that is unambiguous), and an
   occurred meeting without a place falls back to the dateline.  A call or virtual
   meeting ("spoke by telephone") has no place.  A signing whose object is a
   declaration is the signing of the article's one joint statement.  An anaphoric
   "the talks at Government House" with no meeting found yet is that meeting.
"""

from __future__ import annotations

from .component import events_component, events_for
from .mentions import find_mentions, relevant
from .occasion import merge, share_occasion
from .status import cancelled
from .triggers import find_triggers, lexicon, possible_triggers

__all__ = [
    "cancelled",
    "events_component",
    "events_for",
    "find_mentions",
    "find_triggers",
    "lexicon",
    "merge",
    "possible_triggers",
    "relevant",
    "share_occasion",
]

"""A title reaches a known leader's name across a comma only when an honorific or a rank opens the name."""

from entente.extract.leaders import find_leaders


def _roles(text: str) -> list[set[str]]:
    return [{t.role for t in m.terms} for m in find_leaders(text)]


def test_counterpart_across_a_comma_before_a_rank():
    text = ("Prime Minister Datuk Seri Anwar Ibrahim met his Thai counterpart, Gen Prayut Chan-o-cha, "
            "at Government House.")
    mentions = find_leaders(text)
    prayut = [m for m in mentions if m.leader.name == "Prayut Chan-o-cha"]
    assert prayut and {t.role for t in prayut[0].terms} == {"head_of_government"}


def test_a_plain_comma_still_ends_the_title():
    text = "The Prime Minister spoke first, Prayut Chan-o-cha then left."
    prayut = [m for m in find_leaders(text) if m.leader.name == "Prayut Chan-o-cha"]
    assert prayut and prayut[0].terms == ()

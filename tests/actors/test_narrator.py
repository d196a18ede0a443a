"""First-person pronouns outside quotation marks (extract/coref_narrator.py): the person a
story is giving the words of, and the narrator of an interview. Team-written snippets."""

from __future__ import annotations

from .test_actors import _actor_of
from .test_actors import _mention_owner as _owner


def test_unquoted_words_after_a_claim_belong_to_the_claimant(extract):
    text = ("Former sailor Tomasz Wierzbicki says the shipping firm kept his wages for a year. "
            "Wierzbicki also claims that his papers were locked in the captain's safe. "
            "I was told that my contract had ended and that I could not leave the port.")
    record = extract(text)
    sailor = _actor_of(record, "Tomasz Wierzbicki")
    for n in (1, 2):
        owner = _owner(record, "I", n)
        assert owner is not None and owner.id == sailor.id
    assert _owner(record, "my") is not None and _owner(record, "my").id == sailor.id


def test_the_voice_lapses_when_nobody_speaks(extract):
    text = ("Harbour pilot Ines Okonjo said the channel was too shallow for the new tankers. "
            "The port authority dredged it in March. Work finished in April. Crews left in May. "
            "A storm closed the harbour in June. I think the costs were too high.")
    record = extract(text)
    assert _owner(record, "I") is None  # four sentences without a speaker: no owner


def test_interviewee_is_the_narrator_and_the_one_asked(extract):
    text = ("Newsroom interviews beekeeper Aurelio Santangelo on winter losses\n\n"
            "How did you start keeping bees? I started when my uncle gave me two hives. "
            "What worries you most this year? The cold spring. I lost a third of my colonies.")
    record = extract(text)
    keeper = _actor_of(record, "Aurelio Santangelo")
    for word, n in (("you", 1), ("you", 2), ("I", 1), ("I", 2), ("me", 1)):
        owner = _owner(record, word, n)
        assert owner is not None and owner.id == keeper.id, (word, n)


def test_no_single_narrator_when_two_people_are_interviewed(extract):
    text = ("Newsroom interviews Marta Quillen and Joaquim Besseler of the Lantern Theatre\n\n"
            "Why did you open a theatre? I grew up backstage.")
    record = extract(text)
    assert _owner(record, "I") is None


def test_statement_issued_and_its_long_quote_give_the_voice(extract):
    text = ("Senator Margit Olander issued a statement about the closure of the Ridgeway plant. "
            "\"Like many families in the valley, I am worried,\" the statement began. "
            "Olander's statement added, \"The plant employed four hundred people. The valley "
            "built it. The town needs it. The board ignored every offer. I will not accept "
            "that.\"")
    record = extract(text)
    senator = _actor_of(record, "Margit Olander")
    for n in (1, 2):
        owner = _owner(record, "I", n)
        assert owner is not None and owner.id == senator.id, n

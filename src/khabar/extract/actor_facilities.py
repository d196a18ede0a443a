"""A spaCy component the actors stage adds after its entity ruler: names the model labels ORG
that are buildings or sites ("Kestrel Arena", "Marlow Road Station", "Kano's Central Mosque") are
relabelled FAC. They are then no actors (a stadium does not act) and the places stage reads
them as places (GUM news: organization → place typing errors on such names).

The name must end in a capitalized facility noun (knowledge/actors/facilities.yaml) and have
two words at least; KB names and metonyms keep their label ("Downing Street"), and so does a
city's or town's hall, which stands for its council ("City Hall said").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge.actors.facilities import facility_nouns

COMPONENT = "khabar_facility_names"
COUNCIL_WORDS = {"city", "town", "county", "village"}


def relabel_facilities(doc: Doc, kb) -> Doc:
    """Relabel ORG entities that name facilities as FAC (see the module docstring)."""
    nouns = facility_nouns()
    ents, changed = [], False
    for ent in doc.ents:
        last = ent[-1]
        if (ent.label_ == "ORG" and len(ent) >= 2 and not ent.ent_id_ and last.lower_ in nouns
                and last.text[:1].isupper() and ent[0].lower_ not in COUNCIL_WORDS
                and kb.lookup(ent.text) is None and kb.metonym(ent.text) is None):
            ents.append(Span(doc, ent.start, ent.end, label="FAC"))
            changed = True
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


class FacilityNames:
    """The pipeline component; ``kb`` is set by `add_component` (not part of spaCy's config)."""

    def __init__(self) -> None:
        self.kb = None

    def __call__(self, doc: Doc) -> Doc:
        return relabel_facilities(doc, self.kb) if self.kb is not None else doc


@Language.factory(COMPONENT)
def _make(nlp, name) -> FacilityNames:  # noqa: ARG001 - spaCy's factory signature
    return FacilityNames()


def add_component(nlp, kb, after: str) -> None:
    """Add the component after ``after`` (once per pipeline), reading names against ``kb``."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after=after)
    nlp.get_pipe(COMPONENT).kb = kb

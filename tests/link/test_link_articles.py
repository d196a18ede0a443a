"""Linking on team-written articles through the real pipeline: the same event told by two
outlets becomes one cluster; near-misses (another day, another place, other actors, another
kind of event) stay apart."""

from __future__ import annotations

import pytest

from khabar.link import Linker

KHARKIV = ("2024-05-25", "Russian forces fired missiles at Kharkiv on Friday, killing six civilians. "
           "The missiles struck a printing house in Kharkiv.")
SONKO = ("2024-06-03", "Police arrested opposition leader Ousmane Sonko in Dakar on Monday after "
         "protests against the government.")
NAIROBI = ("2024-03-12", "Kenyan police fired tear gas at protesters in Nairobi on Tuesday as "
           "thousands marched against new taxes.")

SAME_EVENT = {
    "kharkiv strike, other outlet": (KHARKIV, (
        "2024-05-25", "Russian troops shelled the city of Kharkiv on Friday, regional officials said.")),
    "sonko arrest, other outlet": (SONKO, (
        "2024-06-04", "Senegalese police detained opposition figure Ousmane Sonko in Dakar on Monday, "
        "his party said.")),
    "nairobi tear gas, other outlet": (NAIROBI, (
        "2024-03-12", "Police in Nairobi used tear gas to disperse demonstrators on Tuesday, witnesses "
        "said, as crowds protested the finance bill.")),
}

NEAR_MISS = {
    "other date: the arrest a year earlier": (SONKO, (
        "2023-07-29", "Police arrested opposition leader Ousmane Sonko in Dakar on Friday after "
        "protests against the government.")),
    "other place: Ziguinchor, 270 km away": (SONKO, (
        "2024-06-03", "Police arrested opposition leader Ousmane Sonko in Ziguinchor on Monday after "
        "protests against the government.")),
    "other place: Odesa, not Kharkiv": (KHARKIV, (
        "2024-05-25", "Russian forces fired missiles at Odesa on Friday, killing five civilians. "
        "The missiles struck a port building in Odesa.")),
    "other actors: another opposition leader": (SONKO, (
        "2024-06-03", "Police arrested opposition leader Khalifa Sall in Dakar on Monday, his lawyer "
        "said.")),
    "other actors and country: Ugandan police in Kampala": (NAIROBI, (
        "2024-03-12", "Ugandan police fired tear gas at protesters in Kampala on Tuesday as students "
        "marched against corruption.")),
    "other event type: the police met the opposition leader": (SONKO, (
        "2024-06-03", "Police chiefs met opposition leader Ousmane Sonko in Dakar on Monday to discuss "
        "security for the rally.")),
}


def _link(extract, first, second):
    a = extract(first[1], published=first[0])
    b = extract(second[1], published=second[0])
    assert a.events and b.events, "the pipeline found no event to link"
    linker = Linker()
    for record in (a, b):
        linker.add_record(record)
    shared = [c for c in linker.clusters if c.articles == {a.article.id, b.article.id}]
    return a, b, shared


@pytest.mark.parametrize("name", SAME_EVENT)
def test_same_event_from_two_outlets_is_one_cluster(extract, name):
    first, second = SAME_EVENT[name]
    a, b, shared = _link(extract, first, second)
    assert shared, f"{name}: the two reports were not linked"
    for cluster in shared:
        assert len({r.root for r in cluster.reports}) == 1
        assert len(cluster.reports) == 2  # one report per article


@pytest.mark.parametrize("name", NEAR_MISS)
def test_near_misses_do_not_merge(extract, name):
    first, second = NEAR_MISS[name]
    a, b, shared = _link(extract, first, second)
    assert not shared, f"{name}: linked {[[(r.article_id[:6], r.event_id, r.cameo) for r in c.reports] for c in shared]}"


def test_linking_is_incremental_and_order_free(extract):
    """A third outlet's report joins the existing cluster; any arrival order gives one cluster."""
    texts = [SONKO, SAME_EVENT["sonko arrest, other outlet"][1],
             ("2024-06-03", "Ousmane Sonko was arrested by police in Dakar on Monday, a lawyer for the "
                            "opposition leader said.")]
    records = [extract(t, published=d) for d, t in texts]
    ids = {r.article.id for r in records}
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        linker = Linker()
        for i in order:
            linker.add_record(records[i])
        assert any(c.articles == ids for c in linker.clusters), order

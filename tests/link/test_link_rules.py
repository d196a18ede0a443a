from datetime import date

from khabar.link import ActorKey, EventReport, Linker, score

RUSMIL = ActorKey("russian forces", "RUSMIL", "RUS", None)
RUSMIL2 = ActorKey("russian military", "RUSMIL", "RUS", None)
UKR = ActorKey("ukraine", "UKR", "UKR", "kb:UKR")
KHARKIV = (49.99, 36.23)


def report(article, cameo="190", day=date(2024, 5, 24), source=RUSMIL, target=UKR, where=KHARKIV,
           inferred=False, country="UKR"):
    return EventReport(article, "e1", cameo, day, inferred, source, target,
                       where[0] if where else None, where[1] if where else None, country)


def test_same_attack_from_two_outlets_links():
    assert score(report("A"), report("B", source=RUSMIL2)) is not None


def test_different_root_never_links():
    assert score(report("A"), report("B", cameo="141")) is None


def test_dates_outside_window_do_not_link():
    assert score(report("A"), report("B", day=date(2024, 5, 30))) is None


def test_inferred_dates_get_wider_window():
    assert score(report("A"), report("B", day=date(2024, 5, 27), inferred=True)) is not None


def test_far_apart_places_do_not_link():
    assert score(report("A"), report("B", where=(46.48, 30.72))) is None  # Odesa, ~560 km


def test_no_shared_actor_does_not_link():
    other = ActorKey("israel", "ISR", "ISR", "kb:ISR")
    assert score(report("A"), report("B", source=other, target=ActorKey("hamas", "PSEREB", "PSE", "kb:hamas"))) is None


def test_linker_is_incremental_and_one_report_per_article():
    linker = Linker()
    c1 = linker.add(report("A"))
    c2 = linker.add(report("B"))
    assert c1 is c2
    c3 = linker.add(EventReport("A", "e2", "190", date(2024, 5, 24), False, RUSMIL, UKR, *KHARKIV, "UKR"))
    assert c3 is not c1  # a second report from article A cannot join A's cluster
    c4 = linker.add(report("C", day=date(2024, 5, 25)))
    assert c4 is c1 and c1.articles == {"A", "B", "C"}


def test_two_people_sharing_a_code_are_not_one_actor():
    sonko = ActorKey("ousmane sonko", "SENOPP", "SEN", None, "person")
    sall = ActorKey("khalifa sall", "SENOPP", "SEN", None, "person")
    assert not sonko.same_as(sall) and not sonko.compatible(sall)
    assert sonko.same_as(ActorKey("sonko", None, None, None, "person"))  # surname


def test_state_organs_match_their_state_but_not_its_rebels():
    russia = ActorKey("russia", "RUS", "RUS", None, "country")
    assert russia.same_as(RUSMIL) and RUSMIL.same_as(russia)
    rebels = ActorKey("rebels", "RUSREB", "RUS", None, "group")
    assert not russia.same_as(rebels) and not rebels.compatible(RUSMIL)

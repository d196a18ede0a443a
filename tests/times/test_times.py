"""Time expressions through the real pipeline: every construction of docs/times.md, with the
publication date 2015-06-15 (a Monday) unless a test says otherwise."""

from __future__ import annotations

import pytest

DCT = "2015-06-15"

# (team-written sentence, expected expression text, TIMEX3 type, TIMEX3 value)
COVERAGE = [
    # absolute dates
    ("The accord was signed on March 3, 2014 in Geneva.", "March 3, 2014", "DATE", "2014-03-03"),
    ("The accord was signed on 3 March 2014 in Geneva.", "3 March 2014", "DATE", "2014-03-03"),
    ("Officials met on Jan. 12 to discuss the ceasefire.", "Jan. 12", "DATE", "2015-01-12"),
    ("The report, dated 2014-11-05, was leaked.", "2014-11-05", "DATE", "2014-11-05"),
    ("The rebels seized the town in August 2013.", "August 2013", "DATE", "2013-08"),
    ("The rebels seized the town in 2007.", "2007", "DATE", "2007"),
    ("Fighting resumed in mid-June.", "mid-June", "DATE", "2015-06"),
    ("Prices collapsed in early 2009.", "early 2009", "DATE", "2009"),
    ("The party was founded in the 1990s.", "the 1990s", "DATE", "199"),
    ("The movement dates back to the nineties.", "the nineties", "DATE", "199"),
    ("The border was drawn in the 19th century.", "the 19th century", "DATE", "18"),
    # relative to the publication date
    ("Troops crossed the river yesterday.", "yesterday", "DATE", "2015-06-14"),
    ("The minister arrives tomorrow.", "tomorrow", "DATE", "2015-06-16"),
    ("Protesters gathered in the capital today.", "today", "DATE", "2015-06-15"),
    ("The ministers met on Thursday in Cairo.", "Thursday", "DATE", "2015-06-11"),
    ("The ministers will meet on Thursday in Cairo.", "Thursday", "DATE", "2015-06-18"),
    ("Police arrested six men last week.", "last week", "DATE", "2015-W24"),
    ("Police arrested six men last month.", "last month", "DATE", "2015-05"),
    ("Elections will be held next year.", "next year", "DATE", "2016"),
    ("Exports fell sharply this year.", "this year", "DATE", "2015"),
    ("The mayor resigned three years ago.", "three years ago", "DATE", "2012"),
    ("The army entered the city on May 2. The previous day, rebels had left.",
     "The previous day", "DATE", "2015-05-01"),
    ("Clashes broke out this morning near the port.", "this morning", "TIME", "2015-06-15TMO"),
    ("Shots were heard at 10 p.m. on Saturday.", "10 p.m. on Saturday", "TIME", "2015-06-13T22:00"),
    ("The vote was held last weekend.", "last weekend", "DATE", "2015-W24-WE"),
    ("Profits rose in the second quarter of 2014.", "the second quarter of 2014", "DATE", "2014-Q2"),
    ("Rains arrived late last summer.", "late last summer", "DATE", "2014-SU"),
    ("The decree, signed 11/05/2014, was published.", "11/05/2014", "DATE", "2014-11-05"),
    ("In nineteen ninety-six the bomb went off.", "nineteen ninety-six", "DATE", "1996"),
    ("The guerrillas of the '90s are gone.", "the '90s", "DATE", "199"),
    ("Talks collapsed over the weekend.", "the weekend", "DATE", "2015-W24-WE"),
    ("Output fell earlier in the year.", "earlier in the year", "DATE", "2015"),
    ("The president will speak tonight.", "tonight", "TIME", "2015-06-15TNI"),
    ("A car bomb exploded last night.", "last night", "TIME", "2015-06-14TNI"),
    ("Gunmen attacked the convoy on Friday morning.", "Friday morning", "TIME", "2015-06-12TMO"),
    ("The ministry said yesterday afternoon that 12 died.", "yesterday afternoon", "TIME", "2015-06-14TAF"),
    ("Profits fell in the third quarter.", "the third quarter", "DATE", "2014-Q3"),
    ("Sales fell in the latest quarter.", "the latest quarter", "DATE", "2015-Q1"),
    ("Sales were higher in the year-ago quarter.", "the year-ago quarter", "DATE", "2014-Q1"),
    ("Exports rose in the first half of 2014.", "the first half of 2014", "DATE", "2014-H1"),
    ("Output fell in Q3 2014 and rose in Q1.", "Q3 2014", "DATE", "2014-Q3"),
    ("Output fell in Q3 2014 and rose in Q1.", "Q1", "DATE", "2015-Q1"),
    ("The summit, scheduled for Oct. 4-5, was called off.", "Oct. 4-5", "DATE", "2015-10-04"),
    ("The vote was postponed to March 3.", "March 3", "DATE", "2016-03-03"),
    ("The talks, which were held on March 3, failed.", "March 3", "DATE", "2015-03-03"),
    ("Shelling resumed at 0800 GMT on Sunday.", "0800 GMT on Sunday", "TIME", "2015-06-14T08:00"),
    ("The trial began a fortnight ago.", "a fortnight ago", "DATE", "2015-06-01"),
    ("Voting will take place Oct. 25-26, officials said on Wednesday.", "Oct. 25-26", "DATE", "2015-10-25"),
    # holidays and the Islamic calendar
    ("Pilgrims gathered on Good Friday 2015.", "Good Friday 2015", "DATE", "2015-04-03"),
    ("Shops close for Ramadan 2015.", "Ramadan 2015", "DATE", "2015-06"),
    ("The truce held over Eid al-Fitr 2015.", "Eid al-Fitr 2015", "DATE", "2015-07-17"),
    ("Fighting paused during Ramadan 1436 AH.", "Ramadan 1436 AH", "DATE", "2015-06"),
    ("Attacks rose during Ramadan.", "Ramadan", "DATE", "2014-06"),
    ("Talks broke down on Christmas Day 2013.", "Christmas Day 2013", "DATE", "2013-12-25"),
    # durations
    ("The siege lasted two weeks.", "two weeks", "DURATION", "P2W"),
    ("He spent nearly forty years in exile.", "nearly forty years", "DURATION", "P40Y"),
    ("The strike lasted for 36 hours.", "36 hours", "DURATION", "PT36H"),
    ("Talks dragged on for several months.", "several months", "DURATION", "PXM"),
    ("The rebels signed a five-year truce.", "five-year", "DURATION", "P5Y"),
    ("Violence has grown over the past three months.", "the past three months", "DURATION", "P3M"),
    ("The army returned three days later.", "three days", "DURATION", "P3D"),
    ("Prices have climbed in recent weeks.", "recent weeks", "DURATION", "PXW"),
    ("The two sides have fought for years.", "years", "DURATION", "PXY"),
    ("The group grew over the past decade.", "the past decade", "DURATION", "P1DE"),
    ("The curfew lasted a fortnight.", "a fortnight", "DURATION", "P2W"),
    ("Voting will be held over two days.", "two days", "DURATION", "P2D"),
    # sets
    ("The council meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("Inspectors visit the site twice a year.", "twice a year", "SET", "P1Y"),
    ("The ministry publishes casualty figures daily.", "daily", "SET", "XXXX-XX-XX"),
    # general references
    ("The talks are now stalled.", "now", "DATE", "PRESENT_REF"),
    ("The talks are currently stalled.", "currently", "DATE", "PRESENT_REF"),
    ("Such attacks were rare in the past.", "the past", "DATE", "PAST_REF"),
    ("The minister will visit soon.", "soon", "DATE", "FUTURE_REF"),
    ("The fund pays out annually.", "annually", "SET", "XXXX"),
    ("Rebels recently took the airport.", "recently", "DATE", "PAST_REF"),
    ("Leaders hope to meet in the future.", "the future", "DATE", "FUTURE_REF"),
]


@pytest.fixture
def extract(times_pipeline, validate):
    """extract(text, published=...) -> ArticleRecord validated against the contract schema."""
    from khabar.ingest import make_article
    from khabar.pipeline import process

    def run(text: str, published: str | None = DCT):
        record = next(process([make_article(text, published=published)], times_pipeline))
        validate(record)
        return record

    return run


@pytest.fixture
def times_of(extract):
    return lambda text, published=DCT: extract(text, published=published).times


@pytest.mark.parametrize(("sentence", "text", "type_", "value"), COVERAGE, ids=[c[1] for c in COVERAGE])
def test_coverage_table(times_of, sentence, text, type_, value):
    found = {t.text: t for t in times_of(sentence)}
    assert text in found, f"{text!r} not found; got {sorted(found)}"
    assert (found[text].type, found[text].value) == (type_, value)


def test_offsets_point_into_the_text(extract):
    text = "On Friday, June 12, the army said it would withdraw within two weeks, officials said yesterday."
    record = extract(text, published=DCT)
    assert [t.id for t in record.times] == [f"t{i}" for i in range(1, len(record.times) + 1)]
    assert len(record.times) == 3
    for t in record.times:
        assert text[t.start:t.end] == t.text
    assert [t.value for t in record.times] == ["2015-06-12", "P2W", "2015-06-14"]


def test_prepositions_stay_outside_the_span(times_of):
    (t,) = times_of("The rebels seized the town in 2007.")
    assert t.text == "2007"


def test_no_publication_date_keeps_text_and_type(extract):
    record = extract("Troops left on Monday and returned three years ago; talks lasted two weeks. "
                     "Fighting is now over.", published=None)
    got = {t.text: (t.type, t.value) for t in record.times}
    assert got["Monday"] == ("DATE", None)
    assert got["three years ago"] == ("DATE", None)
    # durations and general references need no anchor
    assert got["two weeks"] == ("DURATION", "P2W")
    assert got["now"] == ("DATE", "PRESENT_REF")


def test_unreadable_publication_date_is_treated_as_missing(extract):
    record = extract("Troops left yesterday.", published="sometime last spring")
    assert [(t.text, t.value) for t in record.times] == [("yesterday", None)]


def test_impossible_date_kept_with_null_value(extract):
    record = extract("The decree is dated February 30, 2015 and was issued on Feb. 30.", published=DCT)
    got = {t.text: (t.type, t.value) for t in record.times}
    assert got == {"February 30, 2015": ("DATE", None), "Feb. 30": ("DATE", None)}


def test_modal_may_and_verb_march_are_not_months(times_of):
    assert times_of("Protesters may march on parliament.") == []


def test_amounts_are_not_years(times_of):
    found = [t.text for t in times_of("The government paid $2000 to 1500 families in 2014.")]
    assert found == ["2014"]


def test_numbers_in_names_and_counts_are_not_years(times_of):
    text = ("The Security Council passed Resolution 1973. Flight 1549 landed. About 1800 people "
            "were killed and 2000 were wounded at 2010 Main Street. In 2014 elections were held "
            "and the 2011 uprising was recalled.")
    assert [t.text for t in times_of(text)] == ["2014", "2011"]


def test_datetime_publication_date(times_of):
    (t,) = times_of("Troops left yesterday.", published="2015-06-15T08:30:00Z")
    assert t.value == "2015-06-14"


def test_day_before_and_later_in_the_day_follow_the_story(times_of):
    got = [(t.text, t.value) for t in times_of(
        "Rebels took the town on May 3. The day before, the army had left. "
        "The year after, the town was rebuilt.")]
    assert got == [("May 3", "2015-05-03"), ("The day before", "2015-05-02"), ("The year after", "2016")]
    got = [(t.text, t.value) for t in times_of("Rebels took the town on May 3. Later in the day, shells fell.")]
    assert got == [("May 3", "2015-05-03"), ("Later in the day", "2015-05-03")]


def test_clock_time_takes_the_day_of_the_story(times_of):
    got = [(t.text, t.value) for t in times_of("On Sunday, the shelling resumed; by 14:30 it had stopped.")]
    assert got == [("Sunday", "2015-06-14"), ("14:30", "2015-06-14T14:30")]


def test_day_relative_to_a_year_only_stays_unresolved(times_of):
    got = [(t.text, t.value) for t in times_of("In 1987 markets crashed. Traders lost money that day.")]
    assert got == [("1987", "1987"), ("that day", None)]


def test_previous_day_follows_the_story_not_the_publication_date(times_of):
    got = [(t.text, t.value) for t in times_of(
        "Rebels entered Aleppo on 3 March 2013. The previous day, the army had withdrawn. "
        "The following month, talks began.")]
    assert got == [("3 March 2013", "2013-03-03"), ("The previous day", "2013-03-02"),
                   ("The following month", "2013-04")]


def test_time_words_inside_names_are_not_times(times_of):
    text = ("Theresa May spoke to USA Today and The Sunday Times. Brian May played guitar. "
            "On Monday Obama said the vote would be held in May.")
    assert [t.text for t in times_of(text)] == ["Monday", "May"]

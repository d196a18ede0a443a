"""Quotation-mark pairing, on team-written snippets (no parsing involved)."""

from khabar.extract.quote_marks import find_quotes


def texts(text: str, warnings: list[str] | None = None) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text, warnings)]


def test_curly_and_straight_pairs():
    assert texts("“We stay,” she said. He replied: \"We go.\"") == ["We stay", "We go."]


def test_guillemets_and_low_opening_mark():
    assert texts("Il a dit « non » puis „ja“ gesagt.") == ["non", "ja"]


def test_backticks_and_double_apostrophes():
    assert texts("He said ``the border stays closed'' on Monday.") == ["the border stays closed"]


def test_single_quotes_nested_inside_double_stay_in_the_outer_quote():
    text = "“They told me ‘no way’ yesterday,” she said."
    (quote,) = find_quotes(text)
    assert text[quote.start:quote.end] == "They told me ‘no way’ yesterday"
    assert [text[s:e] for s, e in quote.inner] == ["no way"]


def test_headline_single_quotes_but_not_apostrophes():
    assert texts("Minister: It’s ‘in their heads’ and the Clintons' plan is Obama’s.") == ["in their heads"]


def test_multi_paragraph_quote_is_one_quote():
    text = "“The first part of the speech.\n\n“The second part,” said the general.\n\nNext story."
    (quote,) = find_quotes(text)
    assert quote.paragraphs == 2
    assert text[quote.start:quote.end].startswith("The first part")
    assert text[quote.start:quote.end].endswith("The second part")


def test_unbalanced_opening_is_bounded_to_its_paragraph_with_a_warning():
    warnings: list[str] = []
    text = "“This never closes.\n\nAn unrelated paragraph that must not be quoted.\n\nAnother one."
    (quote,) = find_quotes(text, warnings)
    assert text[quote.start:quote.end] == "This never closes."
    assert quote.bounded and warnings and "unbalanced" in warnings[0]


def test_stray_closing_mark_is_ignored_with_a_warning():
    warnings: list[str] = []
    assert texts("The vote was close.” Then “it ended,” he said.", warnings) == ["it ended"]
    assert any("closing" in w for w in warnings)


def test_new_opening_mark_bounds_an_unclosed_quote():
    warnings: list[str] = []
    assert texts("“Open one. “Open two,” he said.", warnings) == ["Open one.", "Open two"]
    assert warnings


def test_many_unbalanced_marks_never_swallow_the_article():
    text = "\n\n".join(f"Paragraph {i} has one “ stray mark and words after it." for i in range(50))
    warnings: list[str] = []
    quotes = find_quotes(text, warnings)
    assert all(q.end - q.start < 80 for q in quotes)
    assert 1 <= len(warnings) <= 5 and "more unbalanced" in warnings[-1]

"""HTML: main text without boilerplate, title, date from the page, broken markup."""

from __future__ import annotations

from .conftest import STORY_A, STORY_B, STORY_C

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Fuel protest in Dalmar turns violent | Team Wire</title>
<meta property="article:published_time" content="2016-09-12T07:45:00Z">
<script>var tracking = "do not read me";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Fuel protest in Dalmar turns violent</h1>
<p>{STORY_A}</p><p>{STORY_B}</p></article>
<footer>Copyright Team Wire. All rights reserved. Cookie settings.</footer>
</body></html>"""


def test_html_main_text_title_and_date(tmp_path, read):
    p = tmp_path / "dalmar.html"
    p.write_text(PAGE, encoding="utf-8")
    [a], rejects = read(p, published="2001-01-01")
    assert rejects == []
    assert a.title == "Fuel protest in Dalmar turns violent"
    assert a.published == "2016-09-12"
    assert a.text == f"Fuel protest in Dalmar turns violent\n\n{STORY_A}\n\n{STORY_B}"
    assert "Subscribe" not in a.text and "Copyright" not in a.text and "tracking" not in a.text


def test_html_without_date_uses_fallback(tmp_path, read):
    p = tmp_path / "kessa.htm"
    p.write_text(f"<html><head><title>Kessa falls</title></head><body><p>{STORY_C}</p></body></html>", encoding="utf-8")
    [a], _ = read(p, published="2020-02-29")
    assert a.published == "2020-02-29"
    assert a.title == "Kessa falls"
    assert STORY_C in a.text


def test_date_mentioned_in_story_is_not_the_publication_date(tmp_path, read):
    p = tmp_path / "a.html"
    p.write_text(f"<html><body><p>On 3 March 2011 the uprising began. {STORY_A}</p></body></html>", encoding="utf-8")
    [a], _ = read(p)
    assert a.published is None


def test_broken_html_still_yields_text(tmp_path, read):
    p = tmp_path / "broken.html"
    p.write_bytes(
        b"<html><body><div><p>Rebel fighters seized the northern town of Kessa after heavy fighting"
        b"<div>the army said on Sunday <b>and thousands of residents<p>fled towards the border <span"
    )
    [a], rejects = read(p)
    assert rejects == []
    assert "Rebel fighters seized the northern town of Kessa after heavy fighting" in a.text
    assert "fled towards the border" in a.text


def test_html_with_no_text_rejected(tmp_path, read):
    p = tmp_path / "blank.html"
    p.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body> </body></html>", encoding="utf-8")
    articles, [r] = read(p)
    assert articles == []
    assert (r.source, r.reason) == (str(p), "no text found in html")


def test_cp1252_html_decoded(tmp_path, read):
    p = tmp_path / "legacy.html"
    body = "<p>The minister’s “final” offer was rejected in Bogotá on Friday — said José Müller, speaking for the café owners’ union.</p>"
    p.write_bytes(f"<html><body>{body}</body></html>".encode("cp1252"))
    [a], _ = read(p)
    assert "minister’s “final” offer was rejected in Bogotá" in a.text

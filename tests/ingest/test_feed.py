"""RSS and Atom: entry content or summary, title, link, dates, feed title as source."""

from __future__ import annotations

from .conftest import STORY_A, STORY_B, STORY_C

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Team Wire World</title><link>https://example.org/</link>
<item><title>Dalmar protest</title><link>https://example.org/dalmar</link>
<pubDate>Mon, 12 Sep 2016 07:45:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{STORY_A}</p><p>{STORY_B}</p>]]></content:encoded></item>
<item><title>Kessa</title><link>https://example.org/kessa</link>
<description>{STORY_C}</description></item>
<item><title>Empty</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Team Atom</title>
<entry><title>Geneva</title><link href="https://example.org/geneva"/><id>urn:x:1</id>
<updated>2018-05-01T10:00:00Z</updated><published>2018-04-30T09:00:00+02:00</published>
<summary type="html">&lt;p&gt;{STORY_B}&lt;/p&gt;</summary></entry>
</feed>"""


def test_rss_entries(tmp_path, read):
    p = tmp_path / "world.rss"
    p.write_text(RSS, encoding="utf-8")
    articles, rejects = read(p)
    assert [(a.title, a.url, a.source) for a in articles] == [
        ("Dalmar protest", "https://example.org/dalmar", "Team Wire World"),
        ("Kessa", "https://example.org/kessa", "Team Wire World"),
    ]
    assert articles[0].text == f"{STORY_A}\n\n{STORY_B}"  # full content preferred over the teaser
    assert articles[0].published == "2016-09-12T07:45:00+00:00"
    assert articles[1].text == STORY_C
    assert [a.origin for a in articles] == [f"{p}#entry 1", f"{p}#entry 2"]
    assert [(r.position, r.reason) for r in rejects] == [("entry 3", "entry has no content or summary")]


def test_atom_in_xml_file_is_sniffed(tmp_path, read):
    p = tmp_path / "feed.xml"
    p.write_text(ATOM, encoding="utf-8")
    [a], rejects = read(p)
    assert rejects == []
    assert (a.title, a.url, a.source, a.text) == ("Geneva", "https://example.org/geneva", "Team Atom", STORY_B)
    assert a.published == "2018-04-30T07:00:00+00:00"


def test_not_a_feed(tmp_path, read):
    p = tmp_path / "x.rss"
    p.write_text("this is not xml at all, only a sentence that ends without markup", encoding="utf-8")
    articles, [r] = read(p)
    assert articles == []
    assert r.reason.startswith("not a readable feed")

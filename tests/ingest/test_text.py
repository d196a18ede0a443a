"""Plain text and Markdown: titles, front matter, encodings, empty, binary and oversized files."""

from __future__ import annotations

import io

import pytest

from khabar.ingest import article_id
from khabar.ingest.decode import TooLarge, read_bounded

from .conftest import STORY_A, STORY_B, STORY_C


def test_txt_headline_and_paragraphs(tmp_path, read):
    p = tmp_path / "dalmar.txt"
    p.write_text(f"Tear gas fired at fuel protest in Dalmar\n\n{STORY_A}\n\n\n{STORY_B}\n", encoding="utf-8")
    articles, rejects = read(p)
    assert rejects == []
    [a] = articles
    assert a.title == "Tear gas fired at fuel protest in Dalmar"
    assert a.text == f"Tear gas fired at fuel protest in Dalmar\n\n{STORY_A}\n\n{STORY_B}"
    assert a.origin == str(p)
    assert a.id == article_id(a.text)
    assert a.language == "en"
    assert a.published is None


def test_txt_first_line_that_is_a_sentence_is_not_a_title(tmp_path, read):
    p = tmp_path / "a.txt"
    p.write_text(f"{STORY_A}\n\n{STORY_B}", encoding="utf-8")
    [a], _ = read(p)
    assert a.title is None


def test_front_matter_gives_metadata_and_is_not_text(tmp_path, read):
    p = tmp_path / "kessa.txt"
    p.write_text(
        "---\npublished: 2019-04-02\nsource: Team Wire\nurl: https://example.org/kessa\n---\n"
        f"Rebels take Kessa\n\n{STORY_C}\n",
        encoding="utf-8",
    )
    [a], _ = read(p, published="2001-01-01")
    assert (a.published, a.source, a.url, a.title) == ("2019-04-02", "Team Wire", "https://example.org/kessa", "Rebels take Kessa")
    assert a.text.startswith("Rebels take Kessa\n\nRebel fighters")
    assert "---" not in a.text
    assert a.id == article_id(a.text, "https://example.org/kessa")


def test_published_fallback_is_normalized(tmp_path, read):
    p = tmp_path / "a.txt"
    p.write_text(STORY_A, encoding="utf-8")
    [a], _ = read(p, published="June 15, 2015")
    assert a.published == "2015-06-15"


def test_markdown_heading_and_markup_removed(tmp_path, read):
    p = tmp_path / "geneva.md"
    p.write_text(
        "# Embassies to reopen\n\n"
        "**GENEVA** — The [foreign ministers](https://example.org/fm) of both countries met in Geneva "
        "on Thursday and agreed to *reopen* their embassies, a joint statement said.\n\n"
        "![photo](x.jpg)\n> The freeze is over, one minister said.\n",
        encoding="utf-8",
    )
    [a], rejects = read(p)
    assert rejects == []
    assert a.title == "Embassies to reopen"
    assert a.text == (
        "Embassies to reopen\n\nGENEVA — The foreign ministers of both countries met in Geneva on "
        "Thursday and agreed to reopen their embassies, a joint statement said.\n\n"
        "The freeze is over, one minister said."
    )


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_decoded(tmp_path, read, encoding):
    text = (
        "Café owners in São Paulo said the minister’s “final” offer was rejected — "
        "the talks in Bogotá collapsed on Friday, said José Müller, a spokesman for the union."
    )
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    [a], rejects = read(p)
    assert rejects == []
    assert a.text == text


def test_utf16_with_bom(tmp_path, read):
    p = tmp_path / "u16.txt"
    p.write_bytes(STORY_B.encode("utf-16"))
    [a], _ = read(p)
    assert a.text == STORY_B


def test_empty_and_blank_files_rejected(tmp_path, read):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t \n")
    articles, rejects = read(tmp_path / "empty.txt", tmp_path / "blank.txt")
    assert articles == []
    assert [(r.source, r.reason) for r in rejects] == [
        (str(tmp_path / "empty.txt"), "empty file"),
        (str(tmp_path / "blank.txt"), "empty file"),
    ]


def test_binary_file_with_text_name_rejected(tmp_path, read):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    articles, rejects = read(tmp_path / "scan.txt", tmp_path / "blob.txt")
    assert articles == []
    assert [r.reason for r in rejects] == ["binary file (PDF document), not text", "binary file (binary data), not text"]


def test_50mb_text_rejected_with_size_and_limit(tmp_path, read):
    p = tmp_path / "huge.txt"
    line = (STORY_A + "\n").encode()
    with open(p, "wb") as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    size = p.stat().st_size
    assert size > 50 * 1024 * 1024
    articles, rejects = read(p)
    assert articles == []
    [r] = rejects
    assert r.source == str(p)
    assert r.reason == f"text too long: {size:,} bytes, over the limit of 1,000,000 characters (max_chars)"


def test_text_just_over_max_chars_rejected_and_under_accepted(tmp_path, read):
    p = tmp_path / "a.txt"
    p.write_text(STORY_A, encoding="utf-8")
    assert read(p, max_chars=len(STORY_A))[0]
    [r] = read(p, max_chars=len(STORY_A) - 1)[1]
    assert r.reason == f"text too long: {len(STORY_A):,} characters, over the limit of {len(STORY_A) - 1:,} (max_chars)"


class CountingStream(io.RawIOBase):
    """An endless stream that counts the bytes handed out."""

    def __init__(self):
        self.served = 0

    def readable(self):
        return True

    def readinto(self, b):
        b[:] = b"x" * len(b)
        self.served += len(b)
        return len(b)


def test_bounded_read_stops_at_the_limit():
    stream = CountingStream()
    with pytest.raises(TooLarge, match="more than 1,000 bytes, over the limit of 1,000 bytes"):
        read_bounded(io.BufferedReader(stream, buffer_size=64), 1000)
    assert stream.served <= 1001 + 64


def test_windows_line_ends_with_front_matter(tmp_path, read):
    p = tmp_path / "crlf.txt"
    p.write_bytes(f"---\r\npublished: 2021-07-01\r\n---\r\nKessa falls\r\n\r\n{STORY_C}\r\n".encode())
    [a], _ = read(p)
    assert (a.published, a.title, a.text) == ("2021-07-01", "Kessa falls", f"Kessa falls\n\n{STORY_C}")


def test_large_binary_with_text_name_rejected_as_binary(tmp_path, read):
    p = tmp_path / "video.txt"
    p.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(5_000_000))
    articles, [r] = read(p)
    assert r.reason == "binary file (binary data), not text"
    h = tmp_path / "fake.html"
    h.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(1000))
    articles, [r] = read(h)
    assert r.reason == "binary file (PNG image), not html"

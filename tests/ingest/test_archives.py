"""WARC, gzip, zip and tar inputs, including truncated archives."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import STORY_A, STORY_B, STORY_C


def page(title: str, story: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article><p>{story}</p></article></body></html>".encode()


def write_warc(path, gz: bool) -> None:
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "khabar tests"}))
        for url, title, story, ctype in [
            ("https://example.org/dalmar", "Dalmar", STORY_A, "text/html; charset=utf-8"),
            ("https://example.org/logo.png", "", "", "image/png"),
            ("https://example.org/geneva", "Geneva", STORY_B, "text/html"),
            ("https://example.org/kessa", "Kessa", STORY_C, "text/html"),
        ]:
            body = page(title, story) if story else b"\x89PNG\r\n\x1a\n\x00\x00"
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def test_warc_gz_html_responses(tmp_path, read):
    p = tmp_path / "crawl.warc.gz"
    write_warc(p, gz=True)
    articles, rejects = read(p)
    assert rejects == []
    assert [(a.title, a.url) for a in articles] == [
        ("Dalmar", "https://example.org/dalmar"), ("Geneva", "https://example.org/geneva"), ("Kessa", "https://example.org/kessa"),
    ]
    assert [a.text for a in articles] == [STORY_A, STORY_B, STORY_C]
    assert articles[0].origin == f"{p}#record 3"


def test_plain_warc(tmp_path, read):
    p = tmp_path / "crawl.warc"
    write_warc(p, gz=False)
    articles, rejects = read(p)
    assert rejects == [] and len(articles) == 3


def test_truncated_warc_gz_keeps_earlier_records(tmp_path, read):
    p = tmp_path / "crawl.warc.gz"
    write_warc(p, gz=True)
    data = p.read_bytes()
    cut = data.rfind(b"\x1f\x8b")  # the last record (Kessa's response) starts here
    p.write_bytes(data[: cut + 200])
    articles, rejects = read(p)
    assert [a.title for a in articles] == ["Dalmar", "Geneva"]
    [r] = rejects
    assert r.source == str(p)
    assert r.position == "record 9"
    assert r.reason.startswith("truncated or corrupt data")


def test_truncated_plain_warc_keeps_earlier_records(tmp_path, read):
    p = tmp_path / "crawl.warc"
    write_warc(p, gz=False)
    data = p.read_bytes()
    cut = data.rfind(b"WARC/1.")  # the last record's header
    p.write_bytes(data[: cut + 40])
    articles, rejects = read(p)
    assert [a.title for a in articles] == ["Dalmar", "Geneva"]
    assert [r.position for r in rejects] == ["record 9"]


def test_warc_without_html(tmp_path, read):
    p = tmp_path / "empty.warc"
    with open(p, "wb") as f:
        w = WARCWriter(f, gzip=False)
        w.write_record(w.create_warcinfo_record("x", {"software": "t"}))
    articles, [r] = read(p)
    assert r.reason == "no html response records in the archive"


def jsonl_bytes(n: int) -> bytes:
    return "".join(json.dumps({"text": f"{STORY_A} Report number {i}."}) + "\n" for i in range(1, n + 1)).encode()


def test_gz_member_dispatched_by_inner_name(tmp_path, read):
    p = tmp_path / "news.jsonl.gz"
    p.write_bytes(gzip.compress(jsonl_bytes(5)))
    articles, rejects = read(p)
    assert rejects == [] and len(articles) == 5
    assert articles[4].origin == f"{p}:line 5"
    t = tmp_path / "story.txt.gz"
    t.write_bytes(gzip.compress(STORY_B.encode()))
    [a], _ = read(t)
    assert a.text == STORY_B and a.origin == str(t)


def test_truncated_gzip_keeps_lines_before_damage(tmp_path, read):
    full = gzip.compress(jsonl_bytes(2000), compresslevel=1)
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(full[: len(full) // 2])
    articles, rejects = read(p)
    assert 0 < len(articles) < 2000
    assert articles[-1].text.endswith(f"Report number {len(articles)}.")
    [r] = rejects
    assert r.source == str(p)
    assert r.position == f"line {len(articles) + 1}"
    assert r.reason.startswith("truncated or corrupt data (Compressed file ended")


def test_truncated_gzip_text_rejected_with_position(tmp_path, read):
    full = gzip.compress((STORY_A + "\n").encode() * 5000)
    p = tmp_path / "cut.txt.gz"
    p.write_bytes(full[: len(full) // 2])
    articles, [r] = read(p)
    assert articles == []
    assert r.position.startswith("byte ") and int(r.position.split()[1]) > 0
    assert r.reason.startswith("truncated or corrupt data")


def test_zip_members_dispatched_by_name(tmp_path, read):
    p = tmp_path / "bundle.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a/dalmar.txt", STORY_A)
        z.writestr("b/more.jsonl", jsonl_bytes(2))
        z.writestr("c/geneva.html", page("Geneva", STORY_B))
        z.writestr("d/photo.bin", b"\x00\x01\x02\x03" * 100)
        z.writestr("__MACOSX/._dalmar.txt", b"\x00\x05\x16\x07")
        z.writestr("skip/me.txt", STORY_C)
    articles, rejects = read(p, exclude=("skip/*",))
    assert [a.origin for a in articles] == [
        f"{p}!a/dalmar.txt", f"{p}!b/more.jsonl:line 1", f"{p}!b/more.jsonl:line 2", f"{p}!c/geneva.html",
    ]
    assert [(r.source, r.reason) for r in rejects] == [(f"{p}!d/photo.bin", "binary file (binary data), not a known input format")]


def test_bad_zip(tmp_path, read):
    p = tmp_path / "bad.zip"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    articles, [r] = read(p)
    assert r.reason.startswith("not a readable zip archive")


def test_tar_gz(tmp_path, read):
    p = tmp_path / "bundle.tar.gz"
    with tarfile.open(p, "w:gz") as t:
        for name, data in [("x/one.txt", STORY_A.encode()), ("x/two.md", f"# Two\n\n{STORY_B}".encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    articles, rejects = read(p)
    assert rejects == []
    assert [(a.origin, a.title) for a in articles] == [(f"{p}!x/one.txt", None), (f"{p}!x/two.md", "Two")]


def test_warc_record_with_truncated_payload_is_not_kept(tmp_path, read):
    p = tmp_path / "crawl.warc"
    write_warc(p, gz=False)
    data = p.read_bytes()
    cut = data.rfind(b"<html>")  # inside the payload of the last response (Kessa)
    p.write_bytes(data[: cut + 60])
    articles, rejects = read(p)
    assert [a.title for a in articles] == ["Dalmar", "Geneva"]
    [r] = rejects
    assert r.position == "record 9"
    assert r.reason.startswith("truncated or corrupt data (record is ") and r.reason.endswith(" bytes short)")


def test_gzipped_50mb_text_stops_at_the_limit(tmp_path, read):
    line = (STORY_A + "\n").encode()
    p = tmp_path / "huge.txt.gz"
    with gzip.open(p, "wb", compresslevel=1) as f:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    articles, [r] = read(p)
    assert articles == []
    # The decompressed size is unknown up front: reading stops after 4 * max_chars bytes.
    assert r.reason == "text too long: more than 4,000,000 bytes, over the limit of 1,000,000 characters (max_chars)"

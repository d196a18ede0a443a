"""read_sources: paths, directories (glob, exclude, hidden), sniffing, stdin, language, laziness."""

from __future__ import annotations

import io
import json
import sys

import pytest

from khabar.errors import UserError
from khabar.ingest import ReadOptions, read_sources
from khabar.records import Reject

from .conftest import FRENCH, STORY_A, STORY_B, STORY_C, split


def test_missing_path_rejected_and_run_continues(tmp_path, read):
    ok = tmp_path / "ok.txt"
    ok.write_text(STORY_A)
    articles, [r] = read(tmp_path / "nope.txt", ok)
    assert (r.source, r.position, r.reason) == (str(tmp_path / "nope.txt"), None, "no such file or directory")
    assert [a.origin for a in articles] == [str(ok)]


def make_mixed(root):
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(STORY_A)
    (root / "b.html").write_text(f"<html><body><p>{STORY_B}</p></body></html>")
    (root / "sub" / "c.jsonl").write_text(json.dumps({"text": STORY_C}) + "\n")
    (root / "sub" / "deeper" / "notes").write_text(f"{STORY_B} Follow-up.")  # no extension: sniffed text
    (root / "sub" / "deeper" / "page.dat").write_text(f"<!DOCTYPE html><html><body><p>{STORY_C} More.</p></body></html>")
    (root / "sub" / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / "kb-actors.yaml").write_text("actors: []\n")
    (root / ".hidden.txt").write_text(STORY_A)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")


def test_mixed_directory_each_file_by_format(tmp_path, read):
    make_mixed(tmp_path)
    articles, rejects = read(tmp_path, exclude=("kb-*.yaml",))
    assert [a.origin for a in articles] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.html"),
        str(tmp_path / "sub" / "c.jsonl") + ":line 1",
        str(tmp_path / "sub" / "deeper" / "notes"),
        str(tmp_path / "sub" / "deeper" / "page.dat"),
    ]
    assert articles[4].text == f"{STORY_C} More."  # sniffed as html: markup removed
    assert [(r.source, r.reason) for r in rejects] == [
        (str(tmp_path / "sub" / "image.bin"), "binary file (PNG image), not a known input format"),
    ]


def test_glob_and_exclude(tmp_path, read):
    make_mixed(tmp_path)
    articles, rejects = read(tmp_path, glob="*.txt")
    assert [a.origin for a in articles] == [str(tmp_path / "a.txt")] and rejects == []
    articles, _ = read(tmp_path, glob="sub/*")  # a pattern with / matches the relative path
    assert len(articles) == 3
    articles, rejects = read(tmp_path, exclude=("sub", "kb-*.yaml"))  # excluded directories are pruned
    assert [a.origin for a in articles] == [str(tmp_path / "a.txt"), str(tmp_path / "b.html")]
    articles, _ = read(tmp_path, glob="**/*.jsonl")
    assert len(articles) == 1


def test_hidden_files_read_when_asked(tmp_path, read):
    make_mixed(tmp_path)
    articles, _ = read(tmp_path, glob="*.txt", include_hidden=True)
    assert [a.origin for a in articles] == [str(tmp_path / ".hidden.txt"), str(tmp_path / "a.txt")]


def test_explicit_file_is_read_whatever_the_glob(tmp_path, read):
    (tmp_path / "README.md").write_text(f"# Readme\n\n{STORY_A}")
    [a], _ = read(tmp_path / "README.md", glob="*.txt", exclude=("*.md",))
    assert a.title == "Readme"


def test_non_english_rejected_short_text_passes(tmp_path, read):
    (tmp_path / "fr.txt").write_text(FRENCH)
    (tmp_path / "short.txt").write_text("Le président est arrivé.")
    (tmp_path / "en.txt").write_text(STORY_A)
    articles, [r] = read(tmp_path)
    assert [a.origin for a in articles] == [str(tmp_path / "en.txt"), str(tmp_path / "short.txt")]
    assert r.source == str(tmp_path / "fr.txt")
    assert r.reason.startswith("language is 'fr' (confidence ") and r.reason.endswith("not an accepted language (en)")
    articles, rejects = read(tmp_path / "fr.txt", languages=())  # check turned off
    assert rejects == [] and articles[0].text == FRENCH
    [a], _ = read(tmp_path / "fr.txt", languages=("en", "fr"))
    assert a.language == "fr"


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (STORY_A.encode(), STORY_A),
        (json.dumps({"text": STORY_B}).encode(), STORY_B),
        (f"<html><body><p>{STORY_C}</p></body></html>".encode(), STORY_C),
    ],
)
def test_stdin_format_sniffed(monkeypatch, data, expect):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [a], rejects = split(read_sources(["-"], ReadOptions(published="2020-01-02")))
    assert rejects == []
    assert (a.text, a.origin, a.published) == (expect, "<stdin>", "2020-01-02")


def test_stdin_jsonl_and_empty(monkeypatch):
    lines = "\n".join(json.dumps({"text": s}) for s in (STORY_A, STORY_B)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    articles, _ = split(read_sources(["-"]))
    assert [a.origin for a in articles] == ["<stdin>:line 1", "<stdin>:line 2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert split(read_sources(["-"])) == ([], [Reject(source="<stdin>", reason="empty file")])


def test_bad_options_are_user_errors():
    with pytest.raises(UserError, match="--published: cannot read 'next week'"):
        ReadOptions(published="next week")
    with pytest.raises(UserError, match="unknown field name"):
        ReadOptions(fields={"body": "x"})
    with pytest.raises(UserError, match="unknown format"):
        ReadOptions(format="pdf")


def test_format_option_forces_reader(tmp_path, read):
    p = tmp_path / "feed.dat"
    p.write_text(json.dumps({"text": STORY_A}) + "\n" + json.dumps({"text": STORY_B}) + "\n")
    articles, _ = read(p, format="jsonl")
    assert len(articles) == 2


def test_thousand_files_read_lazily(tmp_path):
    for i in range(1000):
        (tmp_path / f"{i:04d}.txt").write_text(f"{STORY_A} Dispatch {i}.")
    items = read_sources([str(tmp_path)])
    first = next(items)
    # Generator: a file removed after the first article was yielded is simply not seen.
    (tmp_path / "0999.txt").unlink()
    rest = list(items)
    assert first.origin == str(tmp_path / "0000.txt")
    assert len(rest) == 998
    assert len({a.id for a in [first, *rest]}) == 999


def test_stdin_gzip_jsonl(monkeypatch):
    import gzip

    data = gzip.compress("\n".join(json.dumps({"text": s}) for s in (STORY_A, STORY_C)).encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, rejects = split(read_sources(["-"]))
    assert rejects == []
    assert [(a.origin, a.text) for a in articles] == [("<stdin>:line 1", STORY_A), ("<stdin>:line 2", STORY_C)]

"""CSV and TSV: rows to articles, missing text column, long cells, legacy encodings."""

from __future__ import annotations

import csv

from .conftest import STORY_A, STORY_B, STORY_C


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


def test_csv_rows(tmp_path, read):
    p = tmp_path / "news.csv"
    write_csv(p, [["id", "Title", "TEXT", "published"], ["n1", "Dalmar", STORY_A, "2016-09-12"], ["n2", "Geneva", STORY_B + "\n\nSecond paragraph of the Geneva story.", ""]])
    articles, rejects = read(p, published="2000-01-01")
    assert rejects == []
    assert [(a.id, a.title, a.published) for a in articles] == [("n1", "Dalmar", "2016-09-12"), ("n2", "Geneva", "2000-01-01")]
    assert articles[1].text == STORY_B + "\n\nSecond paragraph of the Geneva story."
    assert [a.origin for a in articles] == [f"{p}:line 2", f"{p}:line 3"]


def test_tsv_rows_and_field_mapping(tmp_path, read):
    p = tmp_path / "news.tsv"
    write_csv(p, [["headline", "body"], ["Kessa", STORY_C], ["Dalmar", STORY_A]], delimiter="\t")
    articles, rejects = read(p, fields={"text": "body", "title": "headline"})
    assert rejects == []
    assert [(a.title, a.text) for a in articles] == [("Kessa", STORY_C), ("Dalmar", STORY_A)]


def test_csv_without_text_column_names_columns_found(tmp_path, read):
    p = tmp_path / "wrong.csv"
    write_csv(p, [["headline", "body", "date"], ["Kessa", STORY_C, "2020-01-01"]])
    articles, [r] = read(p)
    assert articles == []
    assert (r.source, r.position, r.reason) == (str(p), "line 1", "no text column 'text' (columns found: headline, body, date)")


def test_csv_cell_longer_than_csv_default_limit(tmp_path, read):
    long_text = (STORY_A + " ") * 1200  # about 200,000 characters, over csv's 131,072 default
    p = tmp_path / "long.csv"
    write_csv(p, [["text"], [long_text], [STORY_B]])
    articles, rejects = read(p)
    assert rejects == []
    assert len(articles[0].text) == len(long_text.strip())


def test_csv_bad_rows_and_empty_text(tmp_path, read):
    p = tmp_path / "rows.csv"
    write_csv(p, [["text", "title"], [STORY_A, "a"], ["", "no text"], [], [STORY_B, "b"]])
    articles, rejects = read(p)
    assert [a.title for a in articles] == ["a", "b"]
    assert [(r.position, r.reason) for r in rejects] == [("line 3", "empty text")]


def test_csv_cp1252(tmp_path, read):
    p = tmp_path / "legacy.csv"
    text = "The minister’s “final” offer was rejected in Bogotá on Friday, said José Müller of the café owners’ union."
    write_csv(p, [["text"], [text]], encoding="cp1252")
    [a], _ = read(p)
    assert a.text == text


def test_csv_header_only(tmp_path, read):
    p = tmp_path / "h.csv"
    p.write_text("text,title\n")
    articles, [r] = read(p)
    assert r.reason == "no rows after the header"

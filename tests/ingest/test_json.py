"""JSON and JSON lines: objects, lists, configurable fields, invalid lines, explicit ids."""

from __future__ import annotations

import json

from khabar.ingest import article_id

from .conftest import STORY_A, STORY_B, STORY_C


def test_json_single_object(tmp_path, read):
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"title": "Geneva talks", "text": STORY_B, "url": "https://example.org/g", "published": "2018-05-01T10:00:00Z", "source": "Team Wire"}))
    [a], rejects = read(p)
    assert rejects == []
    assert (a.title, a.url, a.source, a.published) == ("Geneva talks", "https://example.org/g", "Team Wire", "2018-05-01T10:00:00+00:00")
    assert a.id == article_id(STORY_B, "https://example.org/g")
    assert a.origin == str(p)


def test_json_list_with_items(tmp_path, read):
    p = tmp_path / "list.json"
    p.write_text(json.dumps([{"text": STORY_A}, {"body": "no text here"}, {"text": STORY_C, "id": 42}]))
    articles, rejects = read(p)
    assert [a.origin for a in articles] == [f"{p}#item 1", f"{p}#item 3"]
    assert articles[1].id == "42"  # explicit id from the input is kept
    assert articles[0].id == article_id(STORY_A)
    [r] = rejects
    assert (r.source, r.position, r.reason) == (str(p), "item 2", "no 'text' field (fields found: body)")


def test_json_fields_configurable(tmp_path, read):
    p = tmp_path / "custom.json"
    p.write_text(json.dumps({"body": STORY_A, "headline": "Dalmar", "date": "12 September 2016", "link": "https://x.org/1", "uid": "d-1", "outlet": "Wire"}))
    fields = {"text": "body", "title": "headline", "published": "date", "url": "link", "id": "uid", "source": "outlet"}
    [a], rejects = read(p, fields=fields)
    assert rejects == []
    assert (a.text, a.title, a.published, a.url, a.id, a.source) == (STORY_A, "Dalmar", "2016-09-12", "https://x.org/1", "d-1", "Wire")


def test_invalid_json_file_rejected_with_line(tmp_path, read):
    p = tmp_path / "bad.json"
    p.write_text('{\n"text": "a",\n"title": oops\n}')
    articles, [r] = read(p)
    assert articles == []
    assert r.position == "line 3"
    assert r.reason.startswith("invalid JSON: Expecting value")


def test_jsonl_invalid_line_rejected_rest_read(tmp_path, read):
    lines = [json.dumps({"text": s, "title": f"story {i}"}) for i, s in enumerate([STORY_A, STORY_B, STORY_C] * 3, 1)]
    lines.insert(6, '{"text": "unterminated')  # becomes line 7
    lines.insert(3, "")  # a blank line is skipped, not rejected
    p = tmp_path / "news.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, rejects = read(p)
    assert len(articles) == 9
    assert [r.position for r in rejects] == ["line 8"]
    assert rejects[0].reason.startswith("invalid JSON: Unterminated string")
    assert rejects[0].source == str(p)
    assert articles[0].origin == f"{p}:line 1"
    assert articles[3].origin == f"{p}:line 5"


def test_jsonl_line_7_position(tmp_path, read):
    rows = [json.dumps({"text": STORY_A + f" Report {i}."}) for i in range(10)]
    rows[6] = "not json at all"
    p = tmp_path / "n.jsonl"
    p.write_text("\n".join(rows))
    articles, [r] = read(p)
    assert len(articles) == 9
    assert (r.position, r.reason) == ("line 7", "invalid JSON: Expecting value (column 1)")


def test_jsonl_non_object_and_non_text_fields(tmp_path, read):
    p = tmp_path / "odd.jsonl"
    p.write_text('[1, 2]\n{"text": 17}\n{"text": "   "}\n')
    articles, rejects = read(p)
    assert articles == []
    assert [(r.position, r.reason) for r in rejects] == [
        ("line 1", "expected a JSON object, found a list"),
        ("line 2", "field 'text' is a int, not text"),
        ("line 3", "empty text"),
    ]


def test_jsonl_html_text_reduced_to_text(tmp_path, read):
    p = tmp_path / "h.jsonl"
    p.write_text(json.dumps({"text": f"<p>{STORY_A}</p><p>{STORY_B}</p>"}) + "\n")
    [a], _ = read(p)
    assert a.text == f"{STORY_A}\n\n{STORY_B}"


def test_jsonl_cp1252_line_in_utf8_file(tmp_path, read):
    p = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": STORY_A + " Café."}, ensure_ascii=False).encode("utf-8")
    legacy = json.dumps({"text": STORY_B + " The minister’s café in Bogotá."}, ensure_ascii=False).encode("cp1252")
    p.write_bytes(good + b"\n" + legacy + b"\n")
    articles, rejects = read(p)
    assert rejects == []
    assert articles[1].text.endswith("The minister’s café in Bogotá.")


def test_jsonl_line_over_max_bytes(tmp_path, read):
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"text": STORY_A}) + "\n" + json.dumps({"text": "x " * 5000}) + "\n" + json.dumps({"text": STORY_C}) + "\n")
    articles, [r] = read(p, max_bytes=2000)
    assert [a.text for a in articles] == [STORY_A, STORY_C]
    assert (r.position, r.reason) == ("line 2", "line longer than the limit of 2,000 bytes (max_bytes)")


def test_json_api_dump_and_json_lines_named_json(tmp_path, read):
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps({"status": "ok", "count": 2, "articles": [{"text": STORY_A}, {"text": STORY_B}]}))
    articles, rejects = read(dump)
    assert rejects == [] and [a.origin for a in articles] == [f"{dump}#item 1", f"{dump}#item 2"]
    lines = tmp_path / "lines.json"
    lines.write_text(json.dumps({"text": STORY_A}) + "\n" + json.dumps({"text": STORY_C}) + "\n")
    articles, rejects = read(lines)
    assert rejects == [] and [a.origin for a in articles] == [f"{lines}:line 1", f"{lines}:line 2"]

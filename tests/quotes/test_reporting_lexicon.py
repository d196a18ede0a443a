"""The reporting lexicon: size, cue types, and validation errors that name file:line."""

import pytest

from khabar.errors import KnowledgeError
from khabar.knowledge.reporting import load_reporting


def test_builtin_lexicon_is_large_and_typed():
    lexicon = load_reporting()
    assert len(lexicon.verbs) >= 150
    assert {"claim", "statement", "remark"} <= set(lexicon.nouns)
    assert lexicon.verbs["tell"].object == "recipient"
    assert lexicon.verbs["accuse"].type == "accuse" and "of" in lexicon.verbs["accuse"].preps
    assert lexicon.verbs["deny"].type == "deny" and lexicon.verbs["warn"].type == "warn"


def test_outlets():
    lexicon = load_reporting()
    assert lexicon.is_outlet("Reuters") and lexicon.is_outlet("The Washington Post")
    assert not lexicon.is_outlet("the post office") and not lexicon.is_outlet("reporters")


def test_user_file_extends_the_lexicon(tmp_path):
    extra = tmp_path / "reporting-extra.yaml"
    extra.write_text("verbs:\n- {lemma: grumble, type: say}\nnouns:\n- {lemma: grievance, type: say}\n")
    lexicon = load_reporting([extra])
    assert "grumble" in lexicon.verbs and "grievance" in lexicon.nouns and "say" in lexicon.verbs


def test_bad_cue_type_names_file_and_line(tmp_path):
    bad = tmp_path / "reporting-bad.yaml"
    bad.write_text("verbs:\n- {lemma: grumble, type: say}\n- {lemma: mumble, type: whisperish}\n")
    with pytest.raises(KnowledgeError) as err:
        load_reporting([bad])
    assert f"{bad}:3" in str(err.value) and "type" in str(err.value)


def test_unquoted_on_is_caught_with_its_line(tmp_path):
    # YAML 1.1 reads a bare `on` as true: the validator must say where
    bad = tmp_path / "reporting-on.yaml"
    bad.write_text("verbs:\n- {lemma: comment, type: say, preps: [on]}\n")
    with pytest.raises(KnowledgeError) as err:
        load_reporting([bad])
    assert f"{bad}:2" in str(err.value)


def test_duplicate_lemma_names_the_second_line(tmp_path):
    bad = tmp_path / "reporting-dup.yaml"
    bad.write_text("verbs:\n- {lemma: grumble, type: say}\n- {lemma: grumble, type: warn}\n")
    with pytest.raises(KnowledgeError) as err:
        load_reporting([bad])
    assert f"{bad}:3" in str(err.value) and "twice" in str(err.value)


def test_unknown_section_is_an_error(tmp_path):
    bad = tmp_path / "reporting-x.yaml"
    bad.write_text("verbz:\n- {lemma: grumble, type: say}\n")
    with pytest.raises(KnowledgeError) as err:
        load_reporting([bad])
    assert "verbz" in str(err.value)

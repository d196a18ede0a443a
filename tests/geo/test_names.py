from khabar.geo.names import (
    derived_keys,
    is_latin_name,
    name_key,
    short_area_names,
    strip_admin_word,
)


def test_name_key_ignores_case_accents_dots_and_leading_the():
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("SÃO PAULO") == name_key("Sao Paulo") == "sao paulo"
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire") == "cote divoire"
    assert name_key("the Gaza Strip") == "gaza strip"
    assert name_key("Ivano-Frankivsk") == "ivano frankivsk"
    assert name_key("...") == ""


def test_latin_names_only():
    assert is_latin_name("Kyiv") and is_latin_name("Sant Julià de Lòria")
    assert not is_latin_name("Київ")          # another script
    assert not is_latin_name("swldw")         # lower-case transliteration
    assert not is_latin_name("NCE")           # airport code
    assert not is_latin_name("Paris 13")      # digits


def test_admin_words_are_stripped_and_saints_abbreviated():
    assert strip_admin_word("kherson oblast") == "kherson"
    assert strip_admin_word("province of sindh") == "sindh"
    assert strip_admin_word("kherson") is None
    assert derived_keys("saint louis") == ["st louis"]
    assert derived_keys("st petersburg") == ["saint petersburg"]


def test_word_lists_are_validated(tmp_path):
    import pytest

    from khabar.errors import KnowledgeError
    from khabar.geo.names import ADMIN_WORDS, GENERIC_WORDS, load_words

    assert "governorate" in ADMIN_WORDS and "north" in GENERIC_WORDS
    bad = tmp_path / "words.yaml"
    bad.write_text("admin: [oblast]\ncity: [City]\nwater: [river]\ngeneric: [north]\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"words\.yaml:2: city"):
        load_words(bad)


def test_short_names_of_areas():
    assert strip_admin_word("district municipality of muskoka") == "muskoka"
    assert strip_admin_word("of sindh") is None
    assert short_area_names("Dagestan, Respublika") == ["Dagestan"]
    assert short_area_names("Bosnia and Herzegovina") == ["Bosnia"]
    assert short_area_names("Newfoundland and Labrador") == ["Newfoundland"]
    assert short_area_names("Kherson Oblast") == []
    assert short_area_names("Saint Helena, Ascension and Tristan da Cunha") == []

"""``khabar explain`` / ``khabar patterns`` and the PETRARCH verb-dictionary importer, on
team-written inputs."""

from __future__ import annotations

from typer.testing import CliRunner

from khabar.cli import app
from khabar.knowledge.cameo.patterns import load_pattern_file
from khabar.knowledge.cameo.petrarch_verbs import convert_verb_dictionary

from ..conftest import eval_path

runner = CliRunner()

# A small dictionary in PETRARCH's format, written for this test.
DICTIONARY = """\
&ENVOY
+AMBASSADOR
+CHARGE_D'AFFAIRES
+ENVOY_

####### VERB PATTERNS #######

---  EXPEL   [174]  ---
EXPEL
OUST {OUSTS OUSTED OUSTING}
- * &ENVOY                 [166]   # expel a diplomat
- * (FROM COUNTRY)         [174]
- FAILED_TO_ *             [120]   # words before the verb: skipped

---  CALL   [---]  ---
+CALL_OFF {+CALLED_OFF}  [164]
- * TALKS                  [164]
- * &BOGUS_SET             [075A]  # malformed code: skipped
"""


def test_importer_keeps_verbs_particles_objects_and_skips_with_lines(tmp_path):
    src = tmp_path / "mini.verbs.txt"
    src.write_text(DICTIONARY, encoding="utf-8")
    result = convert_verb_dictionary(src)
    got = {(p["cameo"], p["verb"], p.get("particle"), p.get("prep"), tuple(p.get("object", ()))) for p in result.patterns}
    assert ("174", "expel", None, None, ()) in got and ("174", "oust", None, None, ()) in got
    assert ("166", "expel", None, None, ("ambassador", "d'affaires", "envoy")) in got
    assert ("174", "expel", None, "from", ("country",)) in got
    assert ("164", "call", "off", None, ()) in got and ("164", "call", "off", None, ("talks",)) in got
    reasons = " ".join(result.skipped)
    assert f"{src}:13" in reasons and f"{src}:18" in reasons and "before the verb" in reasons and "075A" in reasons
    out = tmp_path / "mini.yaml"
    out.write_text(result.to_yaml(), encoding="utf-8")
    assert len(load_pattern_file(out)) == len(result.patterns)  # output passes the validator


def test_import_petrarch_command_on_the_cameo_dictionary(tmp_path):
    src = eval_path("petrarch", "PETR.Validate.verbs.txt")
    out = tmp_path / "validate.yaml"
    res = runner.invoke(app, ["patterns", "import-petrarch", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    patterns = load_pattern_file(out)  # foreign code set: accepted because the file says so
    assert len(patterns) > 300 and "codebook: foreign" in out.read_text()


def test_patterns_validate_reports_file_and_line(tmp_path):
    res = runner.invoke(app, ["patterns", "validate"])
    assert res.exit_code == 0 and "patterns over 20 CAMEO roots" in res.output
    bad = tmp_path / "bad.yaml"
    bad.write_text('patterns:\n- {cameo: "173", verb: nab}\n- {cameo: "1999", verb: zap}\n')
    res = runner.invoke(app, ["patterns", "validate", str(bad)])
    assert res.exit_code != 0
    assert f"{bad}:3" in str(res.exception)


def test_explain_shows_pattern_parse_and_near_misses(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Egypt urged Israel to release the prisoners on Monday.\n", encoding="utf-8")
    res = runner.invoke(app, ["explain", str(art), "--published", "2024-03-15", "--event", "1"])
    assert res.exit_code == 0, res.output
    assert "cameo-020/urge" in res.output and "02_appeal.yaml:" in res.output
    assert "appeal over 0841" in res.output and "urged/ROOT" in res.output and "near miss" in res.output
    res = runner.invoke(app, ["explain", str(art), "--event", "e40"])
    assert res.exit_code != 0 and "no event e40" in str(res.exception)

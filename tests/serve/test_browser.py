"""The explorer pages in a real browser: Playwright driving Debian's Chromium (headless) against
`khabar serve`'s app running on a local port. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The flags this machine needs: no sandbox as root, and no background calls to the closed network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(live_server):
    """The live app, once Chromium and the explorer assets (built like `khabar setup`) are there."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from khabar.serve.assets import assets_ready, build_assets, vendor_dir
    from khabar.settings import data_dir

    if not assets_ready(vendor_dir()):
        build_assets(data_dir(), force=False)
    return live_server


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    """A fresh tab that records console errors and uncaught exceptions."""
    tab = browser.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(f"console: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(f"pageerror: {e}"))
    yield tab
    tab.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"explorer-{name}.png"))  # the viewport: long tables stay readable


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


@pytest.mark.parametrize("name, ready", [
    ("index.html", "#stats .card"),
    ("events.html", "table.events tbody tr"),
    ("timeline.html", "#chart rect.bar"),
    ("map.html", "#map circle.marker"),
    ("network.html", "#network canvas"),
])
def test_page_loads_without_console_errors(server, page, name, ready):
    page.goto(f"{server}/{name}")
    page.wait_for_selector(ready, timeout=15000)
    page.wait_for_load_state("networkidle")
    shot(page, name.removesuffix(".html"))
    assert page.errors == []
    assert page.locator("p.error").count() == 0


def test_article_view_highlights_every_kind(server, page, handmade):
    record = handmade["nairobi"]
    page.goto(f"{server}/article.html?id={record.article.id}")
    page.wait_for_selector("#text .hl-event")
    for kind in ("actor", "quote", "event", "place", "time"):
        assert page.locator(f"#text .hl-{kind}").count() >= 1, kind
    # the highlighted trigger is exactly the evidence text
    assert page.locator("#text .hl-event").first.inner_text() == "arrested"
    assert page.locator("#title").inner_text() == record.article.title
    # the side panel's evidence link jumps to (and flashes) the highlighted span
    page.locator("aside a[data-jump='event-e2-0']").click()
    assert page.locator("#text .flash").inner_text() == "accused"
    # every record in the panel links to a place in the text
    for target in page.locator("aside a[data-jump]").evaluate_all("els => els.map(e => e.dataset.jump)"):
        assert page.locator(f"#text a[id='{target}']").count() == 1, target
    shot(page, "article")
    assert page.errors == []


def test_map_draws_markers_where_events_are(server, page):
    page.goto(f"{server}/map.html")
    page.wait_for_selector("#map circle.marker")
    markers = page.locator("#map circle.marker")
    places = {markers.nth(i).get_attribute("data-place") for i in range(markers.count())}
    assert {"184745", "Second Thomas Shoal"} <= places  # Nairobi (GeoNames id) and the shoal
    assert page.locator("#map path.land").count() > 100  # the bundled world boundaries drew
    assert page.locator("#map circle.place-marker").count() >= 3  # places named: Nairobi, shoal, Manila
    # Nairobi (east Africa) is drawn left of the shoal (South China Sea) and below the equator line
    nairobi = page.locator("#map circle.marker[data-place='184745']")
    shoal = page.locator("#map circle.marker[data-place='Second Thomas Shoal']")
    assert float(nairobi.get_attribute("cx")) < float(shoal.get_attribute("cx"))
    assert float(nairobi.get_attribute("cy")) > float(shoal.get_attribute("cy"))
    assert page.errors == []


def test_a_filter_changes_the_table(server, page, client):
    page.goto(f"{server}/events.html")
    page.wait_for_selector("table.events tbody tr")
    before = page.locator("table.events tbody tr").count()
    page.fill("form.filters input[name=country]", "PHL")
    page.click("form.filters button[type=submit]")
    page.wait_for_function(f"document.querySelectorAll('table.events tbody tr').length !== {before}")
    assert query_of(page.url)["country"] == ["PHL"]
    expected = client.get("/api/events", params={"country": "PHL", "size": 100}).json()["rows"]
    rows = page.locator("table.events tbody tr")
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == [r["id"] for r in expected]
    shot(page, "events-filtered")
    # the filter lives in the URL: reloading keeps it
    page.reload()
    page.wait_for_selector("table.events tbody tr")
    assert page.locator("form.filters input[name=country]").input_value() == "PHL"
    assert page.locator("table.events tbody tr").count() == len(expected)
    assert page.errors == []


def test_clicking_an_actor_in_the_table_opens_its_events(server, page, handmade):
    nairobi = handmade["nairobi"].article.id
    page.goto(f"{server}/events.html?article={nairobi}")
    page.wait_for_selector("a.actor-link[data-actor='Amina Odhiambo']")
    page.locator("a.actor-link[data-actor='Amina Odhiambo']").first.click()
    page.wait_for_url("**/events.html?actor=*")
    assert query_of(page.url)["actor"] == ["Amina Odhiambo"]
    page.wait_for_selector("table.events tbody tr")
    rows = page.locator("table.events tbody tr")
    for i in range(rows.count()):
        assert "Amina Odhiambo" in rows.nth(i).inner_text()
    assert page.errors == []


def test_clicking_an_actor_in_the_network_opens_its_events(server, page, handmade):
    nairobi = handmade["nairobi"].article.id
    page.goto(f"{server}/network.html?article={nairobi}")
    page.wait_for_selector("#network canvas")
    page.wait_for_function("window.khabarNetwork && window.khabarNetwork.nodes().length > 0")
    shot(page, "network-article")
    # a real mouse click where cytoscape drew the node
    x, y = page.evaluate("""() => {
        const node = window.khabarNetwork.getElementById('Kenyan police');
        const box = document.querySelector('#network').getBoundingClientRect();
        const pos = node.renderedPosition();
        return [box.left + pos.x, box.top + pos.y];
    }""")
    page.mouse.click(x, y)
    page.wait_for_url("**/events.html?*actor=*")
    assert query_of(page.url)["actor"] == ["Kenyan police"]
    page.wait_for_selector("table.events tbody tr")
    texts = page.locator("table.events tbody tr").all_inner_texts()
    assert len(texts) == 2 and all("Kenyan police" in t for t in texts)
    assert page.errors == []


def test_brushing_the_timeline_filters_by_date(server, page):
    page.goto(f"{server}/timeline.html")
    page.wait_for_selector("#chart rect.bar")
    box = page.locator("#chart svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 60, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 40, y, steps=5)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('since')")
    q = query_of(page.url)
    assert q["since"][0] <= q["until"][0]
    page.wait_for_selector("#table table.events")
    days = [d.split("\n")[0] for d in page.locator("#table table.events tbody tr td:first-child").all_inner_texts()]
    assert days, "the brushed range lists its events"
    shot(page, "timeline-brushed")
    assert page.errors == []

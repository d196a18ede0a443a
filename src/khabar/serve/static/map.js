"use strict";
// World map from the bundled world-atlas boundaries (no tile server); one marker per place with
// events, sized by the number of events. Clicking a marker lists that place's events.
const mapBox = document.getElementById("map");
const summary = document.getElementById("summary");

async function draw(filters) {
  let world, facet, mentioned;
  // places named in the matching articles (hollow), under the places where events happened (filled)
  const placeFilters = Object.fromEntries(Object.entries(filters).filter(([k]) => ["since", "until", "q", "article"].includes(k)));
  try {
    [world, facet, mentioned] = await Promise.all([
      fetch("/vendor/countries-110m.json").then((r) => { if (!r.ok) throw new Error("map boundaries missing: run `khabar setup`"); return r.json(); }),
      api("/api/events/facets", {...filters, by: "place"}),
      api("/api/places", {...placeFilters, size: 1000}),
    ]);
  } catch (err) { showError(mapBox, err); return; }
  const width = Math.max(600, mapBox.clientWidth || 960), height = Math.round(width * 0.52);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], {type: "Sphere"});
  const path = d3.geoPath(projection);
  mapBox.innerHTML = "";
  const svg = d3.select(mapBox).append("svg").attr("width", width).attr("height", height);
  svg.append("path").attr("d", path({type: "Sphere"})).attr("fill", "#f4f8fb").attr("stroke", "#ccd");
  svg.append("g").selectAll("path").data(topojson.feature(world, world.objects.countries).features)
    .join("path").attr("class", "land").attr("d", path)
    .append("title").text((d) => d.properties.name);
  // biggest first, so small markers are drawn on top and stay clickable
  svg.append("g").selectAll("circle").data(mentioned.rows.filter((p) => p.lat !== null && p.lon !== null)).join("circle")
    .attr("class", "place-marker").attr("r", 2.5)
    .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
    .append("title").text((p) => `${p.name}${p.country ? " (" + p.country + ")" : ""}: named in ${p.n_records} article(s)`);
  const places = facet.buckets.filter((b) => b.lat !== null && b.lon !== null).sort((a, b) => b.count - a.count);
  const r = d3.scaleSqrt().domain([1, d3.max(places, (p) => p.count) || 1]).range([3, 18]);
  svg.append("g").selectAll("circle").data(places).join("circle").attr("class", "marker")
    .attr("data-place", (p) => p.value)
    .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
    .attr("r", (p) => r(p.count))
    .on("click", (_, p) => { location.href = "events.html?" + toQuery({...readFilters(), place: p.value}); })
    .append("title").text((p) => `${p.label || p.value}${p.country ? " (" + p.country + ")" : ""}: ${p.count} events`);
  const located = d3.sum(places, (p) => p.count);
  summary.textContent = `${places.length} places with events (filled), ${located} of ${facet.total} matching events located; ${mentioned.rows.length}${mentioned.next ? "+" : ""} places named (hollow)`;
}

filterForm(document.getElementById("filters"), draw);
draw(readFilters());

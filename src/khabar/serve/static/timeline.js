"use strict";
// Events per day, stacked by quad class. The chart ignores since/until (so the whole span stays
// visible); brushing sets them, in the URL, and lists the events of the picked days below.
const QUAD_COLOURS = {1: "#2e7d32", 2: "#8bc34a", 3: "#ff9800", 4: "#c62828"};
const chart = document.getElementById("chart");
const selection = document.getElementById("selection");
const table = document.getElementById("table");
const parseDay = d3.utcParse("%Y-%m-%d");
const fmtDay = d3.utcFormat("%Y-%m-%d");

async function listEvents(filters) {
  if (!filters.since && !filters.until) { table.innerHTML = ""; selection.textContent = ""; return; }
  const page = await api("/api/events", {...filters, size: 200});
  selection.textContent = `${filters.since || "…"} to ${filters.until || "…"}: ${page.count}${page.next ? "+" : ""} events`;
  table.innerHTML = eventsTable(page.rows);
}

async function draw(filters) {
  const {since, until, ...rest} = filters;
  let facet;
  try { facet = await api("/api/events/facets", {...rest, by: "day", split: "quad_class"}); }
  catch (err) { showError(chart, err); return; }
  const byDay = new Map();
  for (const b of facet.buckets) {
    const day = parseDay(b.value);
    if (!day) continue;
    const entry = byDay.get(b.value) || {day, 1: 0, 2: 0, 3: 0, 4: 0};
    entry[b.quad_class] = b.count;
    byDay.set(b.value, entry);
  }
  const data = [...byDay.values()].sort((a, b) => a.day - b.day);
  if (!data.length) { chart.innerHTML = '<p class="muted">no dated events match these filters</p>'; return; }
  const width = Math.max(600, chart.clientWidth || 900), height = 320;
  const margin = {top: 10, right: 20, bottom: 30, left: 40};
  const first = data[0].day, last = d3.utcDay.offset(data[data.length - 1].day, 1);
  const x = d3.scaleUtc().domain([d3.utcDay.offset(first, -1), d3.utcDay.offset(last, 1)]).range([margin.left, width - margin.right]);
  const stack = d3.stack().keys([1, 2, 3, 4])(data);
  const y = d3.scaleLinear().domain([0, d3.max(stack[3], (d) => d[1]) || 1]).nice().range([height - margin.bottom, margin.top]);
  const barWidth = Math.max(2, x(d3.utcDay.offset(first, 1)) - x(first) - 1);
  chart.innerHTML = "";
  const svg = d3.select(chart).append("svg").attr("width", width).attr("height", height);
  svg.append("g").selectAll("g").data(stack).join("g")
    .attr("fill", (s) => QUAD_COLOURS[s.key]).attr("class", (s) => `quad-series quad-${s.key}`)
    .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0])).join("rect").attr("class", "bar")
    .attr("x", (d) => x(d.data.day)).attr("width", barWidth)
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title").text((d) => `${fmtDay(d.data.day)}: ${d[1] - d[0]}`);
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5));
  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
    .on("end", (event) => {
      if (!event.sourceEvent) return;  // moved by code, not by the user
      const f = readFilters();
      if (event.selection) {
        const [a, b] = event.selection.map((px) => d3.utcDay.floor(x.invert(px)));
        f.since = fmtDay(a); f.until = fmtDay(b);
      } else { delete f.since; delete f.until; }
      writeFilters(f);
      syncForm(f);
      listEvents(f).catch((err) => showError(table, err));
    });
  const g = svg.append("g").attr("class", "brush").call(brush);
  if (since || until) {
    const a = since ? parseDay(since) : x.domain()[0], b = until ? parseDay(until) : x.domain()[1];
    if (a && b) g.call(brush.move, [x(a), x(b)]);
  }
}

function syncForm(f) {
  const form = document.querySelector("form.filters");
  for (const key of ["since", "until"]) if (form.elements[key]) form.elements[key].value = f[key] || "";
}

function refresh(filters) {
  draw(filters);
  listEvents(filters).catch((err) => showError(table, err));
}

filterForm(document.getElementById("filters"), refresh);
refresh(readFilters());

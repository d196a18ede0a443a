"use strict";
// Actor network: nodes sized by how many events they take part in, event edges weighted by count
// and coloured by quad class, relation edges dashed. Tapping an actor opens its events.
const QUAD_COLOURS = {1: "#2e7d32", 2: "#8bc34a", 3: "#ff9800", 4: "#c62828"};
const box = document.getElementById("network");
const summary = document.getElementById("summary");
let cy = null;

async function draw(filters) {
  let net;
  try { net = await api("/api/network", filters); } catch (err) { showError(box, err); return; }
  if (cy) { cy.destroy(); cy = null; }
  if (!net.nodes.length) { box.innerHTML = '<p class="muted">no events between two actors match these filters</p>'; return; }
  box.innerHTML = "";
  const maxW = Math.max(...net.edges.map((e) => e.weight), 1);
  const maxN = Math.max(...net.nodes.map((n) => n.weight), 1);
  cy = cytoscape({
    container: box,
    elements: [
      ...net.nodes.map((n) => ({data: {...n, size: 18 + 30 * Math.sqrt(n.weight / maxN), label: n.name}})),
      ...net.edges.map((e) => ({data: {...e, width: 1 + 7 * e.weight / maxW,
        colour: e.kind === "event" ? QUAD_COLOURS[e.quad_class] || "#888" : "#6a5acd"}, classes: e.kind})),
    ],
    style: [
      {selector: "node", style: {"label": "data(label)", "width": "data(size)", "height": "data(size)",
        "background-color": "#4a90d9", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3}},
      {selector: "edge", style: {"width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.8}},
      {selector: "edge.relation", style: {"line-style": "dashed", "target-arrow-shape": "none"}},
    ],
    layout: {name: "cose", animate: false, randomize: false, nodeRepulsion: 8000},
  });
  cy.on("tap", "node", (ev) => {
    location.href = "events.html?" + toQuery({...readFilters(), actor: ev.target.id()});
  });
  window.khabarNetwork = cy;  // lets tests (and curious users in the console) reach the graph
  summary.textContent = `${net.nodes.length} actors, ${net.edges.length} edges. Click an actor to see its events.`;
}

filterForm(document.getElementById("filters"), draw);
draw(readFilters());

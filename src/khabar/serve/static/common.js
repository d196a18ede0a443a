// khabar explorer: shared helpers. Filters live in the URL so any view can be shared as a link.
"use strict";

const FILTERS = [
  ["since", "from", "date"], ["until", "to", "date"], ["q", "text search", "text"],
  ["actor", "actor (name or code)", "text"], ["root", "CAMEO root", "text"], ["cameo", "CAMEO code", "text"],
  ["plover", "PLOVER type", "text"], ["quad", "quad class", "quad"], ["country", "country (ISO3)", "text"],
  ["place", "place", "text"], ["modality", "modality", "modality"], ["article", "article id", "text"],
];
const PAGES = [["index.html", "overview"], ["events.html", "events"], ["timeline.html", "timeline"],
               ["map.html", "map"], ["network.html", "actor network"]];

function readFilters(search) {
  const params = new URLSearchParams(search === undefined ? location.search : search);
  const out = {};
  for (const [key] of FILTERS) { const v = params.get(key); if (v) out[key] = v; }
  return out;
}

function toQuery(obj) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== "") params.set(k, v);
  return params.toString();
}

function writeFilters(filters) {
  const qs = toQuery(filters);
  history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  renderNav();
}

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

async function api(path, params) {
  const qs = params ? toQuery(params) : "";
  const resp = await fetch(path + (qs ? (path.includes("?") ? "&" : "?") + qs : ""));
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(body.error || resp.statusText);
  return body;
}

function showError(el, err) { el.innerHTML = `<p class="error">${esc(err.message || err)}</p>`; }

function renderNav() {
  const nav = document.querySelector("header nav");
  if (!nav) return;
  const qs = location.search;
  const here = location.pathname.split("/").pop() || "index.html";
  nav.innerHTML = PAGES.map(([href, label]) =>
    `<a href="${href}${href === "index.html" ? "" : qs}" class="${href === here ? "current" : ""}">${label}</a>`).join(" ");
}

// Builds the shared filter form; onChange(filters) runs after the URL is updated.
function filterForm(container, onChange, skip) {
  const current = readFilters();
  const field = ([key, label, kind]) => {
    if ((skip || []).includes(key)) return "";
    const v = esc(current[key] || "");
    if (kind === "quad") {
      const opts = ["", "1", "2", "3", "4"].map((q) =>
        `<option value="${q}" ${q === (current[key] || "") ? "selected" : ""}>${q ? ["", "verbal coop.", "material coop.", "verbal conflict", "material conflict"][q] : "any"}</option>`);
      return `<label>${label}<select name="${key}">${opts.join("")}</select></label>`;
    }
    if (kind === "modality") {
      const opts = ["", "asserted", "reported", "negated", "hypothetical"].map((m) =>
        `<option value="${m}" ${m === (current[key] || "") ? "selected" : ""}>${m || "any"}</option>`);
      return `<label>${label}<select name="${key}">${opts.join("")}</select></label>`;
    }
    const type = kind === "date" ? "text\" placeholder=\"YYYY-MM-DD" : "text";
    return `<label>${label}<input name="${key}" type="${type}" value="${v}"></label>`;
  };
  container.innerHTML = `<form class="filters">${FILTERS.map(field).join("")}
    <button type="submit">apply</button><button type="button" class="clear">clear</button></form>`;
  const form = container.querySelector("form");
  const collect = () => {
    const f = {};
    for (const el of form.elements) if (el.name && el.value.trim()) f[el.name] = el.value.trim();
    return f;
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); writeFilters(collect()); onChange(readFilters()); });
  form.querySelector(".clear").addEventListener("click", () => {
    for (const el of form.elements) if (el.name) el.value = "";
    writeFilters({}); onChange({});
  });
  return form;
}

function actorLink(actor) {
  if (!actor) return '<span class="muted">—</span>';
  const title = [actor.code, actor.country].filter(Boolean).join(" · ");
  return `<a class="actor-link" data-actor="${esc(actor.id)}" href="events.html?actor=${encodeURIComponent(actor.id)}" title="${esc(title)}">${esc(actor.name)}</a>`;
}

function placeLabel(place) {
  if (!place) return '<span class="muted">—</span>';
  return `<a href="events.html?place=${encodeURIComponent(place.id)}">${esc(place.name)}</a>${place.country ? ` <span class="muted">${esc(place.country)}</span>` : ""}`;
}

document.addEventListener("DOMContentLoaded", renderNav);

const QUAD_NAMES = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

function eventRowsHtml(rows) {
  return rows.map((e) => `<tr data-event="${esc(e.id)}">
    <td>${esc(e.day || "")}<br><span class="muted">${esc(e.date || "")}</span></td>
    <td>${actorLink(e.source)}</td>
    <td class="quad-${e.quad_class}" title="${esc(QUAD_NAMES[e.quad_class] || "")}">${esc(e.cameo)} ${e.plover ? esc(e.plover.type) : ""}<br><span class="muted">${esc(e.trigger || "")}</span></td>
    <td>${actorLink(e.target)}</td>
    <td>${placeLabel(e.place)}</td>
    <td>${esc(e.modality)}</td>
    <td><a href="article.html?id=${encodeURIComponent(e.article_id)}#${encodeURIComponent(e.event_id)}">${esc(e.article_title || e.article_id.slice(0, 10))}</a></td>
  </tr>`).join("");
}

function eventsTable(rows) {
  return `<table class="events"><thead><tr><th>day</th><th>source</th><th>event</th><th>target</th>
    <th>place</th><th>modality</th><th>article</th></tr></thead><tbody>${eventRowsHtml(rows)}</tbody></table>`;
}

"use strict";
// Article view: the text with every span khabar found highlighted, and the records beside it.
const KINDS = ["relation", "quote", "actor", "place", "time", "event"];  // outer to inner when nested

function spansOf(rec) {
  const spans = [];
  const names = Object.fromEntries(rec.actors.map((a) => [a.id, a.name]));
  rec.actors.forEach((a) => a.mentions.forEach((m, i) => spans.push({kind: "actor", ref: a.id, n: i, start: m.start, end: m.end, title: a.name})));
  rec.quotes.forEach((q) => spans.push({kind: "quote", ref: q.id, n: 0, start: q.content.start, end: q.content.end, title: `quote by ${names[q.speaker] || q.speaker_text || "?"}`}));
  rec.places.forEach((p) => p.mentions.forEach((m, i) => spans.push({kind: "place", ref: p.id, n: i, start: m.start, end: m.end, title: `${p.name} ${p.country || ""}`})));
  rec.times.forEach((t) => spans.push({kind: "time", ref: t.id, n: 0, start: t.start, end: t.end, title: `${t.type} ${t.value || ""}`}));
  rec.events.forEach((e) => e.evidence.forEach((ev, i) => spans.push({kind: "event", ref: e.id, n: i, start: ev.trigger.start, end: ev.trigger.end, title: `${e.cameo} ${e.plover ? e.plover.type : ""}`})));
  // relation evidence is a whole sentence: not coloured, only an anchor the side panel links to
  rec.relations.forEach((r, i) => spans.push({kind: "relation", ref: `r${i}`, n: 0, start: r.evidence.start, end: r.evidence.end, title: r.type}));
  return spans.filter((s) => s.end > s.start);
}

// Cuts the text at every span boundary; each piece gets the classes of all spans covering it,
// and the piece where a span starts gets an anchor id so the side panel can link to it.
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => { cuts.add(Math.min(s.start, text.length)); cuts.add(Math.min(s.end, text.length)); });
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = esc(text.slice(a, b));
    if (!cover.length) { html += piece; continue; }
    cover.sort((x, y) => KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind));
    const ids = cover.filter((s) => s.start === a).map((s) => `${s.kind}-${s.ref}-${s.n}`);
    const anchors = ids.map((id) => `<a id="${esc(id)}"></a>`).join("");
    html += `${anchors}<span class="${cover.map((s) => "hl-" + s.kind).join(" ")}" title="${esc(cover.map((s) => s.title).join(" | "))}">${piece}</span>`;
  }
  return html;
}

function jump(id) {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.nextElementSibling || el;
  target.scrollIntoView({block: "center"});
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 1500);
}

function panel(rec) {
  const names = Object.fromEntries(rec.actors.map((a) => [a.id, a.name]));
  const link = (id, label) => `<a href="#${esc(id)}" data-jump="${esc(id)}">${label}</a>`;
  const section = (title, items) => items.length ? `<section><h2>${title} (${items.length})</h2><ul>${items.join("")}</ul></section>` : "";
  return [
    section("Events", rec.events.map((e) => `<li id="${esc(e.id)}">${link(`event-${e.id}-0`, `${esc(e.cameo)}${e.plover ? " " + esc(e.plover.type) : ""}`)}
      ${esc(names[e.source] || "—")} → ${esc(names[e.target] || "—")} <span class="muted">${esc(e.modality)}, ${esc(e.date || "no date")}</span>
      ${e.evidence.slice(1).map((_, i) => link(`event-${e.id}-${i + 1}`, `[${i + 2}]`)).join(" ")}
      <br><span class="muted">rule ${esc(e.pattern || "?")}</span></li>`)),
    section("Actors", rec.actors.map((a) => `<li>${link(`actor-${a.id}-0`, esc(a.name))} <span class="muted">${esc([a.kind, a.code, a.country].filter(Boolean).join(" · "))}</span>
      <a class="actor-link" data-actor="${esc(a.name)}" href="events.html?actor=${encodeURIComponent(a.name)}">events</a></li>`)),
    section("Quotes", rec.quotes.map((q) => `<li>${link(`quote-${q.id}-0`, esc(names[q.speaker] || q.speaker_text || "?"))} <span class="muted">${esc(q.cue || "")} (${esc(q.kind)})</span></li>`)),
    section("Places", rec.places.map((p) => `<li>${link(`place-${p.id}-0`, esc(p.name))} <span class="muted">${esc([p.feature, p.country].filter(Boolean).join(" · "))}</span></li>`)),
    section("Times", rec.times.map((t) => `<li>${link(`time-${t.id}-0`, esc(t.text))} <span class="muted">${esc(t.type)} ${esc(t.value || "")}</span></li>`)),
    section("Relations", rec.relations.map((r, i) => `<li>${esc(names[r.source] || r.source)} ${link(`relation-r${i}-0`, `<b>${esc(r.type)}</b>`)} ${esc(names[r.target] || r.value || "")}</li>`)),
    rec.warnings.length ? section("Warnings", rec.warnings.map((w) => `<li>${esc(w)}</li>`)) : "",
  ].join("");
}

(async () => {
  const id = new URLSearchParams(location.search).get("id");
  const text = document.getElementById("text");
  if (!id) { showError(text, "no article id in the address (article.html?id=...)"); return; }
  try {
    const {record} = await api(`/api/articles/${encodeURIComponent(id)}`);
    const a = record.article;
    document.getElementById("title").textContent = a.title || "(untitled)";
    document.title = `khabar · ${a.title || a.id}`;
    document.getElementById("meta").innerHTML = [a.source, a.published, a.url ? `<a href="${esc(a.url)}">${esc(a.url)}</a>` : ""].filter(Boolean).map((x) => x.startsWith("<a") ? x : esc(x)).join(" · ");
    text.innerHTML = highlight(a.text, spansOf(record));
    const side = document.getElementById("panel");
    side.innerHTML = panel(record) || '<p class="muted">nothing was found in this article</p>';
    side.addEventListener("click", (ev) => {
      const target = ev.target.closest("[data-jump]");
      if (target) { ev.preventDefault(); jump(target.dataset.jump); }
    });
    if (location.hash) jump(`event-${decodeURIComponent(location.hash.slice(1))}-0`);
  } catch (err) { showError(text, err); }
})();

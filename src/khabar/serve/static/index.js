"use strict";
(async () => {
  const stats = document.getElementById("stats");
  const list = document.getElementById("articles");
  try {
    const s = await api("/api/stats");
    stats.innerHTML = Object.entries(s.counts).map(([k, v]) => `<div class="card"><b>${v}</b>${esc(k)}</div>`).join("")
      + `<div class="card"><b>${esc(s.published.first || "—")}</b>to ${esc(s.published.last || "—")}</div>`;
    const a = await api("/api/articles", {size: 20});
    list.innerHTML = `<table><thead><tr><th>published</th><th>title</th><th>source</th><th>actors</th><th>events</th></tr></thead><tbody>`
      + a.rows.map((r) => `<tr><td>${esc(r.published_day || "")}</td>
        <td><a href="article.html?id=${encodeURIComponent(r.id)}">${esc(r.title || r.id)}</a></td>
        <td>${esc(r.source || "")}</td><td>${r.n_actors}</td><td>${r.n_events}</td></tr>`).join("")
      + "</tbody></table>";
  } catch (err) { showError(stats, err); }
})();

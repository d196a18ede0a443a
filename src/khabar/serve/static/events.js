"use strict";
const table = document.getElementById("table");
const more = document.getElementById("more");
const summary = document.getElementById("summary");
let nextToken = null;

async function load(filters, append) {
  try {
    const params = {...filters, size: 100};
    if (append && nextToken) params.next = nextToken;
    const page = await api("/api/events", params);
    if (append) table.querySelector("tbody").insertAdjacentHTML("beforeend", eventRowsHtml(page.rows));
    else table.innerHTML = eventsTable(page.rows);
    nextToken = page.next;
    more.hidden = !nextToken;
    const shown = table.querySelectorAll("tbody tr").length;
    summary.textContent = `${shown} event${shown === 1 ? "" : "s"} shown${nextToken ? " (more available)" : ""}`;
    const qs = toQuery(filters);
    document.getElementById("csv").href = "/api/events?format=csv" + (qs ? "&" + qs : "");
    document.getElementById("ndjson").href = "/api/events?format=ndjson" + (qs ? "&" + qs : "");
  } catch (err) { showError(table, err); more.hidden = true; summary.textContent = ""; }
}

filterForm(document.getElementById("filters"), (f) => load(f, false));
more.addEventListener("click", () => load(readFilters(), true));
load(readFilters(), false);

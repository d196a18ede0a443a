"""`khabar link` against a store: incremental cross-article linking (rules in `khabar.link`).

Each run links only event reports not yet in a cluster. The clusters they could join (same CAMEO
root, days overlapping the new reports' dates widened by the link window) are read back first and
restored into a `Linker` with their stored ids, so a new article joins an existing cluster exactly
as if every article had been linked in one run; clusters only grow. A run is one transaction
under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two concurrent `link`
runs cannot put one report in two clusters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from .link import Cluster, EventReport, Linker, LinkThresholds, reports_from_record, score
from .store import Store
from .store.rows import now_utc

_LINK_LOCK = 0x6B68_6C69_6E6B  # advisory lock key for PostgreSQL link runs


@dataclass
class LinkSummary:
    reports: int = 0         # event reports linked in this run
    joined: int = 0          # of which joined a cluster that existed before the run
    new_clusters: int = 0    # clusters created in this run
    multi_article: int = 0   # clusters (touched in this run) that hold 2+ articles
    purged: int = 0          # members dropped because their event no longer exists

    def line(self) -> str:
        return (f"{self.reports} event reports linked: {self.joined} joined existing clusters, "
                f"{self.new_clusters} new clusters; {self.multi_article} clusters span 2+ articles"
                + (f"; {self.purged} stale members dropped" if self.purged else ""))


class _Sql:
    """The few statements linking needs, in the store's placeholder style."""

    def __init__(self, store: Store):
        self.store, self.con = store, store.con
        self.pg = store.dialect == "postgres"

    def __call__(self, sql: str, params=()):
        return self.con.execute(sql.replace("?", "%s") if self.pg else sql, params)


def _member_reports(store: Store, members: dict[str, dict[str, int]]) -> list[tuple[EventReport, int]]:
    """(report, cluster id) for stored members, read back from their articles' records."""
    out = []
    for article_id, events in members.items():
        record = store.get_record(article_id)
        if record is None:
            continue
        for report in reports_from_record(record):
            if report.event_id in events:
                out.append((report, events[report.event_id]))
    return out


def link_store(store: Store, thresholds: LinkThresholds | None = None,
               rebuild: bool = False) -> LinkSummary:
    """Link every stored event report that is not in a cluster yet; returns what changed."""
    thresholds = thresholds or LinkThresholds()
    q = _Sql(store)
    if q.pg:
        with store.con.transaction():
            q("SELECT pg_advisory_xact_lock(?)", (_LINK_LOCK,))
            return _link(store, q, thresholds, rebuild)
    store.con.execute("BEGIN IMMEDIATE")
    try:
        summary = _link(store, q, thresholds, rebuild)
        store.con.execute("COMMIT")
        return summary
    except BaseException:
        store.con.execute("ROLLBACK")
        raise


def _link(store: Store, q: _Sql, t: LinkThresholds, rebuild: bool) -> LinkSummary:
    summary = LinkSummary()
    if rebuild:
        q("DELETE FROM event_cluster_members")
        q("DELETE FROM event_clusters")
    # reprocessed articles: members whose event is gone are dropped (and relinked below)
    stale = q("SELECT m.article_id, m.event_id, m.cluster_id FROM event_cluster_members m "
              "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = m.article_id "
              "AND e.event_id = m.event_id)").fetchall()
    for article_id, event_id, _ in stale:
        q("DELETE FROM event_cluster_members WHERE article_id = ? AND event_id = ?", (article_id, event_id))
    summary.purged = len(stale)

    pending = [r[0] for r in q(
        "SELECT DISTINCT e.article_id FROM events e LEFT JOIN event_cluster_members m "
        "ON m.article_id = e.article_id AND m.event_id = e.event_id "
        "WHERE m.cluster_id IS NULL ORDER BY e.article_id").fetchall()]
    new_reports: list[EventReport] = []
    for article_id in pending:
        record = store.get_record(article_id)
        if record is None:
            continue
        linked = {r[0] for r in q("SELECT event_id FROM event_cluster_members WHERE article_id = ?",
                                  (article_id,)).fetchall()}
        new_reports.extend(r for r in reports_from_record(record) if r.event_id not in linked)
    # date order: an incremental run then decides like one run over the whole corpus would
    new_reports.sort(key=lambda r: (r.date is None, r.date or 0, r.article_id, r.event_id))

    linker = Linker(t)
    restored: dict[int, int] = {}  # id(Cluster) → stored cluster id
    dated = [r.date for r in new_reports if r.date is not None]
    if dated:
        span = timedelta(days=max(t.date_window_days, t.inferred_window_days))
        lo, hi = (min(dated) - span).isoformat(), (max(dated) + span).isoformat()
        roots = sorted({r.root for r in new_reports})
        marks = ", ".join("?" * len(roots))
        rows = q(f"SELECT m.article_id, m.event_id, m.cluster_id FROM event_cluster_members m "
                 f"JOIN event_clusters c ON c.id = m.cluster_id WHERE c.cameo_root IN ({marks}) "
                 f"AND c.last_day >= ? AND c.first_day <= ? ORDER BY m.cluster_id, m.linked_at",
                 (*roots, lo, hi)).fetchall()
        members: dict[str, dict[str, int]] = {}
        for article_id, event_id, cluster_id in rows:
            members.setdefault(article_id, {})[event_id] = int(cluster_id)
        for report, cluster_id in sorted(_member_reports(store, members), key=lambda x: x[1]):
            cluster = linker.add(report, cluster_id=cluster_id)
            restored[id(cluster)] = cluster_id

    now = now_utc()
    touched: dict[int, Cluster] = {}
    db_id: dict[int, int] = dict(restored)
    for report in new_reports:
        cluster = linker.add(report)
        key = id(cluster)
        if key not in db_id:
            db_id[key] = _insert_cluster(q, report.root, now)
            summary.new_clusters += 1
        elif key in restored:
            summary.joined += 1
        others = [s for s in (score(report, o, t) for o in cluster.reports if o is not report) if s is not None]
        q("INSERT INTO event_cluster_members (article_id, event_id, cluster_id, score, linked_at) "
          "VALUES (?, ?, ?, ?, ?)",
          (report.article_id, report.event_id, db_id[key], max(others) if others else None, now))
        touched[key] = cluster
        summary.reports += 1
    for key, cluster in touched.items():
        days = sorted(r.date.isoformat() for r in cluster.reports if r.date is not None)
        cameo = Counter(r.cameo for r in cluster.reports).most_common(1)[0][0]
        n_articles = len(cluster.articles)
        summary.multi_article += n_articles >= 2
        q("UPDATE event_clusters SET cameo = ?, first_day = ?, last_day = ?, n_reports = ?, "
          "n_articles = ?, updated = ? WHERE id = ?",
          (cameo, days[0] if days else None, days[-1] if days else None, len(cluster.reports),
           n_articles, now, db_id[key]))
    _drop_emptied(q, {c for _, _, c in stale})
    return summary


def _insert_cluster(q: _Sql, root: str, now: str) -> int:
    row = q("INSERT INTO event_clusters (cameo_root, n_reports, n_articles, created, updated) "
            "VALUES (?, 0, 0, ?, ?) RETURNING id", (root, now, now)).fetchone()
    return int(row[0])


def _drop_emptied(q: _Sql, cluster_ids: set[int]) -> None:
    """Clusters that lost members to a reprocess: recount, and delete the ones left empty."""
    for cid in cluster_ids:
        n_reports, n_articles = q(
            "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM event_cluster_members WHERE cluster_id = ?",
            (cid,)).fetchone()
        if n_reports == 0:
            q("DELETE FROM event_clusters WHERE id = ?", (cid,))
        else:
            q("UPDATE event_clusters SET n_reports = ?, n_articles = ? WHERE id = ?",
              (n_reports, n_articles, cid))


def clusters(store: Store, min_articles: int = 2) -> list[dict]:
    """Stored clusters with at least ``min_articles`` articles, each with its members."""
    q = _Sql(store)
    out = []
    for cid, root, cameo, first, last, n_reports, n_articles in q(
            "SELECT id, cameo_root, cameo, first_day, last_day, n_reports, n_articles "
            "FROM event_clusters WHERE n_articles >= ? ORDER BY id", (min_articles,)).fetchall():
        members = [tuple(r) for r in q(
            "SELECT article_id, event_id FROM event_cluster_members WHERE cluster_id = ? "
            "ORDER BY article_id, event_id", (cid,)).fetchall()]
        out.append({"id": int(cid), "cameo_root": root, "cameo": cameo, "first_day": first,
                    "last_day": last, "n_reports": n_reports, "n_articles": n_articles,
                    "members": members})
    return out

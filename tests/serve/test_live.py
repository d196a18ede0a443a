"""The API over real HTTP (uvicorn in a thread): concurrent requests share the connection pool
safely, bad requests among them do not disturb the good ones, and raw (unnormalised) paths
cannot climb out of the asset folders."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import httpx


def test_concurrent_requests_get_their_own_answers(live_server, client):
    urls = ["/api/events?size=7", "/api/actors?size=5", "/api/events/facets?by=day&split=quad_class",
            "/api/network", "/api/stats", "/api/events?format=ndjson", "/api/events?size=5000",
            "/api/events?next=forged", "/api/events?country=KEN&size=1000", "/api/articles?q=cannon"]
    expected = {u: (r.status_code, r.content) for u in urls for r in [client.get(u)]}
    with httpx.Client(base_url=live_server, timeout=30) as http, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda u: (u, http.get(u)), urls * 6))
    def comparable(content: bytes, url: str):
        if "ndjson" in url:
            return content
        body = json.loads(content)
        body.pop("next_url", None)  # names the host, which differs between the two clients
        return body

    for url, resp in results:
        status, body = expected[url]
        assert resp.status_code == status, url
        if status == 200 and "stats" not in url:
            assert comparable(resp.content, url) == comparable(body, url), url
    assert sum(resp.status_code == 400 for _, resp in results) == 12
    with httpx.Client(base_url=live_server) as http:
        assert http.get("/api/stats").status_code == 200  # and still up


def raw_get(base: str, target: str) -> bytes:
    host, port = urlparse(base).hostname, urlparse(base).port
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_raw_path_traversal_is_refused(live_server):
    for target in ("/static/../../../../etc/passwd", "/vendor/../../../../../etc/passwd",
                   "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
                   "/static/....//....//etc/passwd", "/static/%252e%252e/etc/passwd"):
        data = raw_get(live_server, target)
        status = data.split(b"\r\n", 1)[0]
        assert b" 404 " in status or b" 400 " in status, (target, status)
        assert b"root:" not in data
    assert b" 200 " in raw_get(live_server, "/static/style.css").split(b"\r\n", 1)[0]

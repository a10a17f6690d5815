"""Benchmark: "was this NIK covered on this date?" through the API, on a registry of 1,000,000
persons and about 3,000,000 spells made by the synthetic generator.

For each of `--checks` random questions (covered, not covered and unknown NIKs mixed) it times
(a) `GET /api/v1/coverage/check?nik=…&date=…` with a bearer token, in-process through Django's
    test Client (every middleware, the token lookup, the region scope, the rules in force);
(b) the same request over real HTTP (loopback, keep-alive) to Django's threaded WSGI server
    running in this process (skip with --no-http);
(c) the baseline: one indexed SELECT of the person and its spells on that date through the
    database cursor.
(a) and (c) are interleaved per question so they meet the same cache. Every API answer is
checked against the baseline. Prints p50/p95/p99 (ms) and the ratios (a)/(c); target p95 of
(a) <= 20 ms. A scratch SQLite file by default; with DATABASE_URL pointing at PostgreSQL it
creates (and drops) a scratch database `ckp_bench_coverage` there.

    .venv/bin/python bench/coverage_check.py [--persons 1000000] [--checks 2000] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/coverage_check.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import platform
import random
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from scratch import scratch_setup, scratch_teardown  # bench/scratch.py, beside this script

SCRATCH_DB = "ckp_bench_coverage"
REGENCY = "62.08"
BASELINE_SQL = (
    "SELECT p.id, s.id, s.start_date, s.end_date, s.segment, s.payer "
    "FROM registry_person p LEFT JOIN registry_spell s ON s.person_id = p.id "
    "AND s.start_date <= %s AND (s.end_date IS NULL OR s.end_date >= %s) WHERE p.nik = %s"
)


def _questions(n: int, seed: int) -> list[tuple[str, dt.date, str]]:
    """About half inside a spell, a third a random day of a random person, the rest unknown."""
    from django.db import connection

    from cakupan.registry.synthetic import data

    rng = random.Random(seed)
    as_of = data.AS_OF
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM registry_spell")
        low, high = cursor.fetchone()
        ids = ", ".join(str(i) for i in rng.sample(range(low, high + 1), int(n * 0.5)))
        cursor.execute(
            "SELECT p.nik, s.start_date, s.end_date FROM registry_spell s "
            f"JOIN registry_person p ON p.id = s.person_id WHERE s.id IN ({ids})"
        )
        inside = cursor.fetchall()
        cursor.execute("SELECT MIN(id), MAX(id) FROM registry_person")
        low, high = cursor.fetchone()
        ids = ", ".join(str(i) for i in rng.sample(range(low, high + 1), int(n * 0.3)))
        cursor.execute(f"SELECT nik FROM registry_person WHERE id IN ({ids})")
        anyone = [nik for (nik,) in cursor.fetchall()]
    questions = []
    for nik, start, end in inside:
        start = dt.date.fromisoformat(str(start))
        end = dt.date.fromisoformat(str(end)) if end else as_of
        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        questions.append((nik, day, "in a spell"))
    span = (as_of - data.HISTORY_START).days
    for nik in anyone:
        day = data.HISTORY_START + dt.timedelta(days=rng.randint(0, span))
        questions.append((nik, day, "random day"))
    while len(questions) < n:  # valid-looking NIKs with serials no synthetic person has
        birth = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(60, 99)}"
        day = data.HISTORY_START + dt.timedelta(days=rng.randint(0, span))
        questions.append((f"620801{birth}0{rng.randint(100, 999)}", day, "unknown NIK"))
    rng.shuffle(questions)
    return questions


def _pct(values: list[float]) -> str:
    a = np.array(values) * 1000
    return (
        f"p50 {np.percentile(a, 50):6.2f}  p95 {np.percentile(a, 95):6.2f}  "
        f"p99 {np.percentile(a, 99):6.2f}  mean {a.mean():6.2f} ms"
    )


def _serve():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class NoDelay(ThreadedWSGIServer):
        """Headers and body leave in two writes: without TCP_NODELAY, Nagle's algorithm and
        delayed ACKs add 40 ms to every keep-alive response."""

        def get_request(self):
            sock, address = super().get_request()
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock, address

    server = NoDelay(("127.0.0.1", 0), Quiet, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _bench(args, vendor: str) -> None:
    from django.db import connection
    from django.test import Client

    from cakupan.accounts.models import RoleAssignment, User
    from cakupan.accounts.services import token_issue
    from cakupan.audit.context import request_context
    from cakupan.registry.synthetic import registry_synthesize

    with request_context():
        result = registry_synthesize(
            regency_code=REGENCY, persons=args.persons, seed=args.seed, replace=True
        )
        actor = User.objects.create_user(username="bench", password="bench-pw-123")
        RoleAssignment.objects.create(user=actor, role="administrator", region_code=REGENCY)
        _token, raw = token_issue(actor=actor, name="bench")
    print(
        f"Python {platform.python_version()} · {vendor} · generated {result.persons:,} persons, "
        f"{result.spells:,} spells, {result.employers:,} employers in "
        f"{result.seconds:.1f} s (generate {result.seconds_generate:.1f} s + "
        f"write {result.seconds_write:.1f} s)"
    )
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_person; ANALYZE registry_spell")
    questions = _questions(args.checks, args.seed)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    path = "/api/v1/coverage/check?nik={}&date={}"

    def baseline(nik, day):
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [day.isoformat(), day.isoformat(), nik])
            rows = cursor.fetchall()
        return bool(rows) and rows[0][1] is not None

    for nik, day, _kind in questions[:50]:  # warm up both paths
        client.get(path.format(nik, day))
        baseline(nik, day)
    api, base, kinds = [], [], {}
    for nik, day, kind in questions:
        t = time.perf_counter()
        truth = baseline(nik, day)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        response = client.get(path.format(nik, day))
        api.append(time.perf_counter() - t)
        assert response.status_code == 200, response.content
        assert response.json()["covered"] == truth, (nik, day, response.json())
        counts = kinds.setdefault(kind, [0, 0])
        counts[0 if truth else 1] += 1
    mix = "; ".join(f"{k}: {c:,} covered, {u:,} not" for k, (c, u) in kinds.items())
    print(f"{len(questions):,} checks ({mix}); every API answer equals the baseline")
    print(f"(c) baseline SQL       {_pct(base)}")
    print(f"(a) API in-process     {_pct(api)}")
    if not args.no_http:
        server = _serve()
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        headers = {"Authorization": f"Bearer {raw}"}
        over_http = []
        for i, (nik, day, _kind) in enumerate(questions):
            t = time.perf_counter()
            conn.request("GET", path.format(nik, day), headers=headers)
            response = conn.getresponse()
            response.read()
            if i >= 50 or len(questions) <= 50:
                over_http.append(time.perf_counter() - t)
            assert response.status == 200
        server.shutdown()
        print(f"(b) API over HTTP      {_pct(over_http)}")
    p95 = np.percentile(api, 95) * 1000
    print(
        f"ratio (a)/(c): p50 {np.percentile(api, 50) / np.percentile(base, 50):.1f}×, "
        f"p95 {np.percentile(api, 95) / np.percentile(base, 95):.1f}×"
    )
    print(f"target p95(a) <= 20 ms: {'OK' if p95 <= 20 else 'ABOVE TARGET'} ({p95:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--checks", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-http", action="store_true", help="skip the real-HTTP run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ckp-bench-coverage-") as tmp_name:
        vendor = scratch_setup(Path(tmp_name), SCRATCH_DB)
        try:
            _bench(args, vendor)
        finally:
            scratch_teardown(vendor, SCRATCH_DB)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()

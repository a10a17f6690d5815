"""The scratch database every benchmark runs in: a file in a temporary directory on SQLite, or
a database created (and dropped) beside the one DATABASE_URL names on PostgreSQL. Migrated, with
Kalimantan Tengah's regions loaded."""

from __future__ import annotations

import os
from pathlib import Path


def scratch_setup(tmp: Path, name: str) -> str:
    """Point Django at the scratch database `name` (PostgreSQL) or a file under `tmp`
    (SQLite), set Django up and migrate. Returns the vendor name."""
    os.environ["CAKUPAN_DATA_DIR"] = str(tmp / "data")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base = url.rsplit("/", 1)[0]
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"{base}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = tmp / "private"  # uploads of a benchmark stay in its scratch dir
    call_command("migrate", verbosity=0)
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62"])
    return connection.vendor


def scratch_teardown(vendor: str, name: str) -> None:
    """Drop the scratch PostgreSQL database (a SQLite file goes with its directory)."""
    if vendor != "postgresql":
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")

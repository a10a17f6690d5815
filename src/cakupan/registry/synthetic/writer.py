"""Set-based writes of the synthetic registry: PostgreSQL COPY, SQLite executemany per chunk.

Never a save per row. The caller holds the transaction; this module only writes and reads back
the ids the database assigned.
"""

from __future__ import annotations

import io

import polars as pl
from django.db import connection

CHUNK = 50_000
SQLITE_CACHE_KIB = -512_000  # negative: KiB, i.e. 500 MiB while loading

PERSON_COLUMNS = (
    "nik", "name", "name_key", "sex", "birth_date", "regency_code", "region_code", "phone",
    "occupation", "sector", "nik_exception_reason", "synthetic", "created_at", "updated_at",
)  # fmt: skip
EMPLOYER_COLUMNS = (
    "npp", "name", "sector", "risk_class", "regency_code", "region_code", "synthetic",
    "created_at",
)  # fmt: skip
SPELL_COLUMNS = (
    "person_id", "regency_code", "region_code", "jkk", "jkm", "jht", "jp", "jkp", "start_date",
    "end_date", "segment", "payer", "employer_id", "agreement_id", "wage", "kpj", "role",
    "source", "synthetic", "created_at",
)  # fmt: skip
FLAG_COLUMNS = ("person_id", "flag", "regency_code")


def bulk_insert(table: str, frame: pl.DataFrame, columns: tuple[str, ...]) -> int:
    """Insert every row of `frame` (its `columns`, in that order) into `table`."""
    frame = frame.select(columns)
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                for start in range(0, frame.height, CHUNK * 4):
                    buffer = io.BytesIO()
                    frame.slice(start, CHUNK * 4).write_csv(buffer, include_header=False)
                    copy.write(buffer.getvalue())
        else:
            frame = frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
            marks = ", ".join("?" * len(columns))
            raw = connection.connection.cursor()
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            # A big page cache keeps the indexes' inner pages in memory during the load.
            (cache,) = raw.execute("PRAGMA cache_size").fetchone()
            raw.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
            try:
                for start in range(0, frame.height, CHUNK):
                    raw.executemany(sql, frame.slice(start, CHUNK).iter_rows())
            finally:
                raw.execute(f"PRAGMA cache_size = {cache}")
    return frame.height


def timestamp(now) -> str:
    """How a DateTimeField literal is written (UTC) for COPY and for SQLite."""
    if connection.vendor == "postgresql":
        return now.strftime("%Y-%m-%d %H:%M:%S.%f+00:00")
    return now.strftime("%Y-%m-%d %H:%M:%S.%f")


def ids_by_key(table: str, key: str, regency_code: str) -> pl.DataFrame:
    """`key` -> `id` of the synthetic rows of the regency (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, id FROM {table} WHERE regency_code = %s AND synthetic",
            [regency_code],
        )
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema={key: pl.String, "id": pl.Int64}, orient="row")


def existing_values(table: str, column: str, prefixes: list[str]) -> set[str]:
    """Values of a unique digit column starting with any of the digit `prefixes` (one index
    range scan each)."""
    found: set[str] = set()
    with connection.cursor() as cursor:
        for prefix in sorted(set(prefixes)):
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} >= %s AND {column} < %s",
                [prefix, str(int(prefix) + 1).zfill(len(prefix))],
            )
            found.update(v for (v,) in cursor.fetchall())
    return found


def delete_synthetic(regency_code: str) -> dict[str, int]:
    """Delete the regency's synthetic rows, set-based, children first.

    Spells go if they are synthetic or belong to a synthetic person (a spell added by hand to a
    demo person describes no one real either). Employers and persons still referenced by a
    real row are kept. Agreements stay (the next fill reuses them).
    """
    synthetic_persons = "SELECT id FROM registry_person WHERE regency_code = %s AND synthetic"
    steps = [
        (
            "spells",
            "DELETE FROM registry_spell WHERE regency_code = %s AND synthetic",
            [regency_code],
        ),
        (
            "spells",
            f"DELETE FROM registry_spell WHERE person_id IN ({synthetic_persons})",
            [regency_code],
        ),
        (
            "flags",
            f"DELETE FROM registry_personflag WHERE person_id IN ({synthetic_persons})",
            [regency_code],
        ),
        (
            "duplicates",
            f"DELETE FROM registry_duplicatecandidate WHERE person_a_id IN ({synthetic_persons}) "
            f"OR person_b_id IN ({synthetic_persons})",
            [regency_code, regency_code],
        ),
        (
            None,
            "UPDATE registry_person SET merged_into_id = NULL "
            "WHERE regency_code = %s AND synthetic AND merged_into_id IS NOT NULL",
            [regency_code],
        ),
        (
            "persons",
            "DELETE FROM registry_person WHERE regency_code = %s AND synthetic "
            "AND NOT EXISTS (SELECT 1 FROM registry_spell s WHERE s.person_id = registry_person.id)"
            " AND NOT EXISTS (SELECT 1 FROM registry_person m "
            "WHERE m.merged_into_id = registry_person.id)",
            [regency_code],
        ),
        (
            "employers",
            "DELETE FROM registry_employer WHERE regency_code = %s AND synthetic AND NOT EXISTS "
            "(SELECT 1 FROM registry_spell s WHERE s.employer_id = registry_employer.id)",
            [regency_code],
        ),
    ]
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for name, sql, params in steps:
            cursor.execute(sql, params)
            if name:
                counts[name] = counts.get(name, 0) + max(cursor.rowcount, 0)
    return counts

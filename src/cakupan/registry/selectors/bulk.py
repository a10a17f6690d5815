"""Set-based reads for bulk writers (imports): what the registry holds about many NIKs at once,
and the temporary tables that carry a frame into the database in one go (PostgreSQL COPY,
SQLite executemany) so one query joins it, however many rows it has.

`persons_spells_for_niks` is deliberately not scoped: a file may name persons anywhere, and its
checks must know a person exists outside the uploader's area to say so (in one neutral message,
with nothing else about them). Callers filter what they show with `accounts.scope.region_expr`.
"""

import polars as pl
from django.db import connection, transaction

SPELL_FLAGS = ("jkk", "jkm", "jht", "jp", "jkp")


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def temp_table_load(name: str, columns: dict[str, str], frame: pl.DataFrame) -> None:
    """(Re)create temporary table `name` holding `frame`'s `columns` (SQL types), inside the
    caller's transaction: on PostgreSQL the table is dropped when it commits."""
    frame = frame.select(list(columns))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cols = ", ".join(f"{c} {t}" for c, t in columns.items())
        if _is_postgres():
            cursor.execute(f"CREATE TEMPORARY TABLE {name} ({cols}) ON COMMIT DROP")
            data = frame.write_csv(include_header=False, date_format="%Y-%m-%d").encode()
            with cursor.cursor.copy(
                f"COPY {name} ({', '.join(columns)}) FROM STDIN (FORMAT csv)"
            ) as copy:
                copy.write(data)
            # Autovacuum never sees temporary tables: without statistics the planner assumes
            # a tiny or huge table and may hash-join the whole registry once per chunk.
            cursor.execute(f"ANALYZE {name}")
        else:
            cursor.execute(f"CREATE TEMPORARY TABLE {name} ({cols})")
            dates = [c for c, t in columns.items() if t == "date"]
            frame = frame.with_columns(pl.col(dates).dt.to_string("%Y-%m-%d"))
            marks = ", ".join("?" * len(columns))
            raw = connection.connection.cursor()
            raw.executemany(f"INSERT INTO {name} VALUES ({marks})", frame.iter_rows())


def temp_table_drop(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")


def persons_spells_for_niks(*, niks: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The stored persons with these NIKs (`nik`, `person_id`, `person_region`) and all their
    spells (`nik`, `spell_id`, `s_jkk` … `s_jkp`, `s_start`, `s_end`, `s_agreement`, `s_role`,
    `s_agreement_number`): two queries joined to a temporary table of the NIKs."""
    with transaction.atomic():  # the temporary table lives in one transaction
        temp_table_load("registry_tmp_nik", {"nik": "varchar(16)"}, pl.DataFrame({"nik": niks}))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT p.nik, p.id, p.region_code FROM registry_person p"
                " JOIN registry_tmp_nik t ON t.nik = p.nik"
            )
            persons = pl.DataFrame(
                cursor.fetchall(),
                schema={"nik": pl.String, "person_id": pl.Int64, "person_region": pl.String},
                orient="row",
            )
            cursor.execute(
                "SELECT p.nik, s.id, s.jkk, s.jkm, s.jht, s.jp, s.jkp, s.start_date, s.end_date,"
                " s.agreement_id, s.role, a.number FROM registry_spell s"
                " JOIN registry_person p ON p.id = s.person_id"
                " JOIN registry_tmp_nik t ON t.nik = p.nik"
                " LEFT JOIN agreements_agreement a ON a.id = s.agreement_id"
            )
            spells = pl.DataFrame(
                cursor.fetchall(),
                schema={
                    "nik": pl.String,
                    "spell_id": pl.Int64,
                    **{f"s_{p}": pl.Boolean for p in SPELL_FLAGS},
                    "s_start": pl.Date,
                    "s_end": pl.Date,
                    "s_agreement": pl.Int64,
                    "s_role": pl.String,
                    "s_agreement_number": pl.String,
                },
                orient="row",
            )
        temp_table_drop("registry_tmp_nik")
    return persons, spells

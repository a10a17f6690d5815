"""Set-based refresh of coverage facts for one month: a handful of SQL statements, no row loop.

For month M the count is taken on M's last day D. Step 1 puts every person covered on D into a
temporary table, once, with the dimensions of the one spell that counts for them (PU, Jakon,
PMI, BPU; then the earliest) and their sex, age band on D and sector. Step 2 groups it into
`coverage_coveragefact` (every dimension crossed), `coverage_coveragemarginal` (one dimension at
a time, what breakdowns read), `coverage_coverageflagfact` and `coverage_coveragetotal`, after
deleting the same month's rows for the same regions, so a re-run gives the same rows.

The SQL is plain enough for SQLite (≥ 3.25, window functions) and PostgreSQL alike. Region
filters are code ranges (`code >= '62.08.01.' AND code < '62.08.01/'`: '/' follows '.'), which
both use as index ranges where LIKE would not.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import connection

from cakupan.accounts.scope import region_sql

# (label, lowest age in the band); ages under 15 are not working age but are still counted.
AGE_BANDS = (
    ("<15", 0),
    ("15-24", 15),
    ("25-34", 25),
    ("35-44", 35),
    ("45-54", 45),
    ("55-64", 55),
    ("65+", 65),
)
SEGMENT_RANK = {"PU": 1, "JAKON": 2, "PMI": 3, "BPU": 4}
ACTIVE_TABLE = "coverage_active_tmp"
DIMENSIONS = ("segment", "payer", "sex", "age_band", "sector")
TABLES = (
    "coverage_coveragefact",
    "coverage_coveragemarginal",
    "coverage_coverageflagfact",
    "coverage_coveragetotal",
)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The month ends from `first`'s month to `last`'s month, inclusive."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(month_end(dt.date(y, m, 1)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def years_before(day: dt.date, years: int) -> dt.date:
    """`day` minus whole years (29 Feb -> 28 Feb): born after it means younger than `years`."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _regions_sql(codes: list[str] | None, column: str) -> tuple[str, list]:
    if not codes:
        return "", []
    parts, params = [], []
    for code in codes:
        sql, p = region_sql(column, code)
        parts.append(sql)
        params += p
    return " AND (" + " OR ".join(parts) + ")", params


def _age_case(day: dt.date) -> tuple[str, list]:
    whens, params = [], []
    for label, low in reversed(AGE_BANDS[1:]):
        whens.append("WHEN p.birth_date <= %s THEN '" + label + "'")
        params.append(years_before(day, low))
    return "CASE " + " ".join(whens) + f" ELSE '{AGE_BANDS[0][0]}' END", params


def _rank_case() -> str:
    whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in SEGMENT_RANK.items())
    return f"CASE s.segment {whens} ELSE 9 END"


def refresh_month(*, regency_code: str, month: dt.date, regions: list[str] | None = None) -> int:
    """Recompute the facts of `month` for the regency (or only inside `regions`, a list of
    region codes within it). Returns the number of persons counted. The caller holds the
    transaction."""
    day = month_end(month)
    with connection.cursor() as cursor:
        _fill_active(cursor, regency_code=regency_code, day=day, regions=regions)
        where_facts, fact_params = _regions_sql(regions, "region_code")
        for table in TABLES:
            cursor.execute(
                f"DELETE FROM {table} WHERE month = %s AND regency_code = %s{where_facts}",
                [day, regency_code, *fact_params],
            )
        cursor.execute(
            f"""
            INSERT INTO coverage_coveragefact
                (regency_code, region_code, month, segment, payer, sex, age_band, sector, persons)
            SELECT %s, region_code, %s, segment, payer, sex, age_band, sector, COUNT(*)
            FROM {ACTIVE_TABLE}
            GROUP BY region_code, segment, payer, sex, age_band, sector
            """,
            [regency_code, day],
        )
        for dim in DIMENSIONS:  # from the facts just written: far fewer rows than persons
            cursor.execute(
                f"""
                INSERT INTO coverage_coveragemarginal
                    (regency_code, region_code, month, dimension, value, persons)
                SELECT %s, region_code, %s, '{dim}', {dim}, SUM(persons)
                FROM coverage_coveragefact
                WHERE month = %s AND regency_code = %s{where_facts}
                GROUP BY region_code, {dim}
                """,
                [regency_code, day, day, regency_code, *fact_params],
            )
        cursor.execute(
            f"""
            INSERT INTO coverage_coverageflagfact (regency_code, region_code, month, flag, persons)
            SELECT %s, a.region_code, %s, f.flag, COUNT(*)
            FROM {ACTIVE_TABLE} a JOIN registry_personflag f ON f.person_id = a.person_id
            GROUP BY a.region_code, f.flag
            """,
            [regency_code, day],
        )
        cursor.execute(
            f"""
            INSERT INTO coverage_coveragetotal (regency_code, region_code, month, persons)
            SELECT %s, region_code, %s, COUNT(*) FROM {ACTIVE_TABLE} GROUP BY region_code
            """,
            [regency_code, day],
        )
        cursor.execute(f"SELECT COUNT(*) FROM {ACTIVE_TABLE}")
        (counted,) = cursor.fetchone()
        cursor.execute(f"DROP TABLE {ACTIVE_TABLE}")
    return counted


def counts_on_date(*, regency_code: str, day: dt.date, region: str) -> dict:
    """The same counts as the facts, computed from the spells for any date inside one region
    (on demand: this scans the region's spells, so pages use the monthly facts instead)."""
    out: dict = {"total": 0, "flag": {}, **{d: {} for d in DIMENSIONS}}
    with connection.cursor() as cursor:
        _fill_active(cursor, regency_code=regency_code, day=day, regions=[region])
        for dim in DIMENSIONS:
            cursor.execute(f"SELECT {dim}, COUNT(*) FROM {ACTIVE_TABLE} GROUP BY {dim}")
            out[dim] = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT f.flag, COUNT(*) FROM {ACTIVE_TABLE} a "
            "JOIN registry_personflag f ON f.person_id = a.person_id GROUP BY f.flag"
        )
        out["flag"] = dict(cursor.fetchall())
        cursor.execute(f"SELECT COUNT(*) FROM {ACTIVE_TABLE}")
        (out["total"],) = cursor.fetchone()
        cursor.execute(f"DROP TABLE {ACTIVE_TABLE}")
    return out


def _fill_active(cursor, *, regency_code: str, day: dt.date, regions: list[str] | None) -> None:
    where_regions, region_params = _regions_sql(regions, "s.region_code")
    age_sql, age_params = _age_case(day)
    cursor.execute(f"DROP TABLE IF EXISTS {ACTIVE_TABLE}")
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE {ACTIVE_TABLE} AS
        SELECT w.person_id, w.region_code, w.segment, w.payer, p.sex,
               {age_sql} AS age_band, COALESCE(p.sector, '') AS sector
        FROM (
            SELECT s.person_id, s.region_code, s.segment, s.payer,
                   ROW_NUMBER() OVER (
                       PARTITION BY s.person_id ORDER BY {_rank_case()}, s.start_date, s.id
                   ) AS rn
            FROM registry_spell s
            WHERE s.regency_code = %s AND s.start_date <= %s
              AND (s.end_date IS NULL OR s.end_date >= %s){where_regions}
        ) w
        JOIN registry_person p ON p.id = w.person_id
        WHERE w.rn = 1
        """,
        [*age_params, regency_code, day, day, *region_params],
    )


def spell_month_range(*, regency_code: str) -> tuple[dt.date, dt.date | None, bool] | None:
    """The first spell's start and the latest spell end (or today when a spell is open)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT MIN(start_date), MAX(end_date), "
            "SUM(CASE WHEN end_date IS NULL THEN 1 ELSE 0 END) "
            "FROM registry_spell WHERE regency_code = %s",
            [regency_code],
        )
        first, last, open_count = cursor.fetchone()
    if first is None:
        return None
    first, last = _as_date(first), _as_date(last) if last else None
    return first, last, bool(open_count)


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])

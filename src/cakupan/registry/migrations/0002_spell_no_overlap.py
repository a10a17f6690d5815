"""The database refuses overlapping spells of one person for the same program.

PostgreSQL: one partial exclusion constraint per program over daterange(start, end, '[]')
(btree_gist supplies `=` on person_id inside a GiST index). SQLite has no exclusion
constraints, so triggers run the same test before each insert and update. Services check first
and name the spell in the way; this is the backstop for concurrent writers and bulk loads.
"""

from django.db import migrations

PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp")
SQLITE_OVERLAP = """
    EXISTS (SELECT 1 FROM registry_spell s
            WHERE s.person_id = NEW.person_id {extra}
              AND s.start_date <= COALESCE(NEW.end_date, '9999-12-31')
              AND NEW.start_date <= COALESCE(s.end_date, '9999-12-31')
              AND ((NEW.jkk AND s.jkk) OR (NEW.jkm AND s.jkm) OR (NEW.jht AND s.jht)
                   OR (NEW.jp AND s.jp) OR (NEW.jkp AND s.jkp)))
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for program in PROGRAMS:
            schema_editor.execute(
                f"ALTER TABLE registry_spell ADD CONSTRAINT registry_spell_no_overlap_{program} "
                f"EXCLUDE USING gist (person_id WITH =, "
                f"daterange(start_date, end_date, '[]') WITH &&) WHERE ({program})"
            )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER registry_spell_no_overlap_insert BEFORE INSERT ON registry_spell "
            f"WHEN {SQLITE_OVERLAP.format(extra='')} "
            "BEGIN SELECT RAISE(ABORT, 'registry_spell_no_overlap'); END"
        )
        schema_editor.execute(
            "CREATE TRIGGER registry_spell_no_overlap_update BEFORE UPDATE ON registry_spell "
            f"WHEN {SQLITE_OVERLAP.format(extra='AND s.id <> NEW.id')} "
            "BEGIN SELECT RAISE(ABORT, 'registry_spell_no_overlap'); END"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for program in PROGRAMS:
            schema_editor.execute(
                f"ALTER TABLE registry_spell DROP CONSTRAINT registry_spell_no_overlap_{program}"
            )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER registry_spell_no_overlap_insert")
        schema_editor.execute("DROP TRIGGER registry_spell_no_overlap_update")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

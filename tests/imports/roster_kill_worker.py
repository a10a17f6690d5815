"""Run by test_roster_kill.py in a child process with its own SQLite data directory.

`commit`: set up a regency, a PKS and a 6-row roster, validate it, then commit it in chunks of
2 rows and hang inside chunk 2's transaction (after its inserts) until killed.
`resume`: restart the commit of that batch, as a restarted worker would.
"""

import datetime as dt
import io
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")


def main(step: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from cakupan.imports import pipeline, services
    from cakupan.imports.models import ImportBatch
    from cakupan.registry.services import bulk

    if step == "resume":
        batch = ImportBatch.objects.get()
        done = pipeline.commit_run(batch_id=batch.pk, chunk_rows=2)
        print("STATE", done.state, flush=True)
        return
    call_command("migrate", verbosity=0)
    from cakupan.agreements.services import agreement_create
    from cakupan.regions.services import regions_load
    from cakupan.rules.nik import build_nik
    from tests.conftest import make_user

    regions_load(prefixes=["62.08"])
    user = make_user("kesbangpol", "regency_operator", "62.08")
    agreement = agreement_create(
        actor=user,
        number="400/1/2024",
        title="Petugas ad hoc Pilkada 2024",
        region_code="62.08.01",
        valid_from=dt.date(2024, 6, 1),
        valid_to=dt.date(2024, 12, 31),
        roles=["KPPS"],
    )
    lines = ["NIK;Nama;Jabatan;Desa;Mulai;Selesai"]
    for i in range(1, 7):
        nik = build_nik(kecamatan="62.08.01", birth_date=dt.date(1980, 1, i), sex="L", serial=i)
        lines.append(f"{nik};Petugas {i};KPPS;Kartamulia;07/11/2024;08/12/2024")
    batch = services.batch_upload(
        actor=user,
        kind="roster",
        area_code="62.08.01",
        source=io.BytesIO("\n".join(lines).encode()),
        filename="petugas.csv",
        options={"agreement_id": agreement.pk},
    )
    batch = services.batch_validate(actor=user, batch_id=batch.pk, inline=True)
    services.batch_review(actor=user, batch_id=batch.pk)
    real, calls = bulk.audit_record, []  # the chunk's audit row, from the registry's writer

    def hang(**kw):
        calls.append(kw)
        real(**kw)
        if len(calls) == 2:  # chunk 2's audit row is written: its rows are inserted too
            print("IN_CHUNK_2", flush=True)
            time.sleep(120)

    bulk.audit_record = hang
    services.batch_commit(actor=user, batch_id=batch.pk, inline=True, chunk_rows=2)


if __name__ == "__main__":
    main(sys.argv[1])

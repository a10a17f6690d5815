"""`cakupan coverage refresh [--regency 62.08] [--full]`: bring the coverage facts up to date
with the registry (mounted by `coverage/cli.py`)."""

from __future__ import annotations

from typing import Annotated

import typer

from cakupan.coverage.cli_options import LangOpt, fail, lang_of, shell_actor

REFRESH_TEXT = {
    "bad_regency": (
        "Kabupaten/kota '{value}' tidak dikenal (kode seperti 62.08; muat wilayah dengan "
        "`cakupan regions load`).",
        "Unknown regency '{value}' (a code such as 62.08; load regions with "
        "`cakupan regions load`).",
    ),
    "not_regency": (
        "'{value}' ({name}) bukan kode kabupaten/kota; --regency memerlukan kode "
        "kabupaten/kota seperti {example}.",
        "'{value}' ({name}) is not a regency (kabupaten/kota) code; --regency needs a "
        "regency code such as {example}.",
    ),
    "nothing": (
        "Belum ada data registri: tidak ada fakta cakupan untuk diperbarui.",
        "No registry data yet: no coverage facts to refresh.",
    ),
    "full": (
        "{name} ({code}): {months} bulan dihitung ulang; {persons} orang terlindungi pada bulan "
        "terakhir.",
        "{name} ({code}): {months} months recomputed; {persons} persons covered in the last month.",
    ),
    "changed": (
        "{name} ({code}): {months} bulan baru; wilayah yang berubah dihitung ulang: {regions}.",
        "{name} ({code}): {months} new months; changed regions recomputed: {regions}.",
    ),
    "none": ("tidak ada", "none"),
}


def _refresh_regencies(regency: str, lang: str) -> list[tuple[str, str]]:
    """(code, name) of the regencies to refresh: the one asked for, or every regency with
    spells or facts."""
    from cakupan.coverage.models import RefreshState
    from cakupan.regions.models import Level, Region
    from cakupan.registry.models import Spell

    if regency:
        code = regency.strip()
        found = Region.objects.filter(code=code, level=Level.REGENCY).first()
        if found is None:
            other = Region.objects.filter(code=code).first()
            if other is not None:
                # A kecamatan or desa names its regency in its first five characters; a
                # province has none, so the example is the generic one.
                example = code[:5] if len(code) > 5 else "62.08"
                raise fail(
                    REFRESH_TEXT["not_regency"][lang == "en"].format(
                        value=code, name=other.name, example=example
                    )
                )
            raise fail(REFRESH_TEXT["bad_regency"][lang == "en"].format(value=regency))
        return [(found.code, found.name)]
    codes = set(Spell.objects.values_list("regency_code", flat=True).distinct())
    codes |= set(RefreshState.objects.values_list("regency_code", flat=True))
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [(c, names.get(c, c)) for c in sorted(codes)]


def refresh(
    regency: Annotated[
        str, typer.Option("--regency", help="Kode kabupaten/kota, mis. 62.08 (bawaan: semua).")
    ] = "",
    full: Annotated[
        bool, typer.Option("--full", help="Hitung ulang semua bulan, bukan hanya yang berubah.")
    ] = False,
    lang: LangOpt = "id",
) -> None:
    """Perbarui fakta cakupan dari registri (untuk cron, atau setelah `cakupan synth`).

    Kode keluar: 0 = diperbarui, 2 = galat (kabupaten/kota tidak dikenal, basis data belum
    disiapkan).
    """
    lang = lang_of(lang)
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from cakupan.audit.context import request_context
    from cakupan.coverage.facts import services
    from cakupan.rules.formats import number

    en = lang == "en"
    targets = _refresh_regencies(regency, lang)
    if not targets:
        typer.echo(REFRESH_TEXT["nothing"][en])
        return
    for code, name in targets:
        actor = shell_actor("cakupan coverage refresh", [code])  # named in the audit row
        with request_context():
            if full:
                done = services.coverage_facts_refresh(actor=actor, regency_code=code)
                line = REFRESH_TEXT["full"][en].format(
                    name=name,
                    code=code,
                    months=done["months"],
                    persons=number(done["persons_last_month"]),
                )
            else:
                done = services.coverage_facts_refresh_changed(actor=actor, regency_code=code)
                line = REFRESH_TEXT["changed"][en].format(
                    name=name,
                    code=code,
                    months=done["months"],
                    regions=", ".join(done["regions"]) or REFRESH_TEXT["none"][en],
                )
        typer.echo(line)

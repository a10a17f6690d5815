"""`cakupan coverage check NIK DATE`: was this NIK covered on this date, by which spell, paid
by whom, under which rules? The question every death claim asks, at a shell.

Exit codes, so a script can branch on the answer:

- 0 covered on that date;
- 1 registered, but not covered on that date;
- 2 error (bad date, bad NIK, unknown user, database not set up);
- 3 no record (inside `--user`'s region scope, or anywhere in this registry without `--user`):
  this never means "not covered", and with `--user` it is the same whether the NIK is
  registered in another region or nowhere, so scope cannot be probed.

`--json` prints the same JSON as `POST /api/v1/coverage/check` (with `status`: `covered`,
`not_covered` or `no_record`). `--user` answers as that user would (inside their region
scope); without it the shell operator, who already holds the database, sees the whole
installation. The NIK is always printed masked.

`cakupan coverage report --region 62.08 --date 2026-10-31 --format pdf|xlsx --output FILE
[--as USERNAME]` writes the rakor report (see `cakupan.coverage.report`); exit 2 on an unknown
region, no coverage facts on or before the date, a bad date or no permission.

`cakupan coverage refresh [--regency 62.08] [--full]` brings the coverage facts up to date with
the registry (pages and imports queue this for the background worker; run it from cron where no
worker runs, or after `cakupan synth`). Without `--regency` every regency with registry data;
`--full` recomputes every month instead of only what changed. Exit 2 on an unknown regency or a
database not set up.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from cakupan.coverage.cli_options import ERROR, LangOpt, fail, lang_of, shell_actor

__all__ = ["COVERED", "ERROR", "NOT_COVERED", "NO_RECORD", "app"]  # the exit codes

app = typer.Typer(
    help="Cek kepesertaan NIK pada suatu tanggal; laporan rakor cakupan.", no_args_is_help=True
)

COVERED, NOT_COVERED, NO_RECORD = 0, 1, 3  # and ERROR (2), from cli_options

JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak JSON untuk mesin.")]
UserOpt = Annotated[
    str, typer.Option("--user", help="Jawab dalam cakupan wilayah pengguna ini (username).")
]

TEXT = {
    "covered": ("TERLINDUNGI", "COVERED"),
    "not_covered": ("TIDAK TERLINDUNGI", "NOT COVERED"),
    "no_record": ("TIDAK ADA CATATAN", "NO RECORD"),
    "on": ("pada", "on"),
    "programs": ("Program", "Programs"),
    "segment": ("Segmen", "Segment"),
    "payer": ("Pembayar", "Payer"),
    "spells": ("Masa kepesertaan yang berlaku", "Spells in force"),
    "open": ("tanpa batas akhir", "open-ended"),
    "rules": ("Aturan yang berlaku", "Rules in force"),
    "since": ("sejak", "since"),
    "employer": ("pemberi kerja", "employer"),
    "agreement": ("PKS", "agreement"),
    "bad_date": (
        "Tanggal harus YYYY-MM-DD (diberikan '{value}').",
        "The date must be YYYY-MM-DD (got '{value}').",
    ),
    "bad_nik": ("NIK harus 16 digit angka.", "A NIK has 16 digits."),
    "bad_user": ("Pengguna '{value}' tidak ditemukan.", "User '{value}' not found."),
}


def _t(key: str, lang: str, **params) -> str:
    pair = TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


@app.callback()
def _main() -> None:
    """Cek kepesertaan NIK pada suatu tanggal."""


@app.command("check")
def check(
    nik: Annotated[str, typer.Argument(help="NIK 16 digit.")],
    date: Annotated[str, typer.Argument(help="Tanggal YYYY-MM-DD.")],
    as_json: JsonOpt = False,
    lang: LangOpt = "id",
    user: UserOpt = "",
) -> None:
    """Apakah NIK terlindungi pada TANGGAL?

    Kode keluar: 0 = terlindungi, 1 = terdaftar tetapi tidak terlindungi, 2 = galat,
    3 = tidak ada catatan (dalam wilayah --user) — bukan berarti tidak terlindungi.
    """
    lang = lang_of(lang)
    try:
        day = dt.date.fromisoformat(date.strip())
    except ValueError:
        raise fail(_t("bad_date", lang, value=date)) from None
    digits = "".join(ch for ch in nik if ch not in " .-")
    if not (digits.isdigit() and len(digits) == 16):
        raise fail(_t("bad_nik", lang))

    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from django.utils import translation

    from cakupan.accounts.models import User
    from cakupan.registry.selectors import CoverageStatus, coverage_as_dict, coverage_on

    if user:
        viewer = User.objects.filter(username=user, is_active=True).first()
        if viewer is None:
            raise fail(_t("bad_user", lang, value=user))
    else:
        viewer = _whole_registry()
    answer = coverage_on(nik=digits, day=day, user=viewer)
    scoped = bool(user)
    if as_json:
        body = coverage_as_dict(answer, lang=lang, scoped=scoped)
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        with translation.override(lang):
            _print(answer, lang, scoped=scoped)
    codes = {
        CoverageStatus.COVERED: COVERED,
        CoverageStatus.NOT_COVERED: NOT_COVERED,
        CoverageStatus.NO_RECORD: NO_RECORD,
    }
    raise typer.Exit(code=codes[answer.status])


def _whole_registry():
    """Without --user the shell operator, who holds the database, asks over the whole registry:
    the system acting in every province the registry holds persons in."""
    from cakupan.registry.models import Person

    regencies = Person.objects.values_list("regency_code", flat=True).distinct()
    provinces = sorted({code.split(".")[0] for code in regencies if code}) or ["-"]
    return shell_actor("cakupan coverage check", provinces)


def _print(answer, lang: str, *, scoped: bool) -> None:
    from cakupan.registry.models import Payer, Segment
    from cakupan.registry.selectors import CoverageStatus, coverage_message
    from cakupan.rules.formats import long_date

    payers, segments = dict(Payer.choices), dict(Segment.choices)
    if answer.status == CoverageStatus.NO_RECORD:
        # No date in the headline: there is nothing on record to be covered or not on it.
        typer.echo(f"NIK {answer.nik_masked}: {_t('no_record', lang)}")
        typer.echo(coverage_message(answer, lang=lang, scoped=scoped))
        return
    state = _t(str(answer.status), lang)
    typer.echo(f"NIK {answer.nik_masked} {state} {_t('on', lang)} {long_date(answer.date, lang)}")
    if not answer.covered:
        typer.echo(coverage_message(answer, lang=lang, scoped=scoped))
        return
    typer.echo(f"{_t('programs', lang)}: {', '.join(answer.programs)}")
    typer.echo(
        f"{_t('segment', lang)}: {segments.get(answer.segment, answer.segment)} · "
        f"{_t('payer', lang)}: {payers.get(answer.payer, answer.payer)}"
    )
    typer.echo(f"{_t('spells', lang)}:")
    for s in answer.spells:
        end = long_date(s.end_date, lang) if s.end_date else _t("open", lang)
        parts = [
            f"  #{s.id} {'+'.join(s.programs)}",
            f"{long_date(s.start_date, lang)} – {end}",
            str(segments.get(s.segment, s.segment)),
            str(payers.get(s.payer, s.payer)),
        ]
        if s.employer:
            parts.append(f"{_t('employer', lang)} {s.employer}")
        if s.agreement:
            parts.append(f"{_t('agreement', lang)} {s.agreement}")
        if s.kpj:
            parts.append(f"KPJ {s.kpj}")
        typer.echo(" · ".join(parts))
    if answer.rules:
        typer.echo(f"{_t('rules', lang)}:")
        for r in answer.rules:
            typer.echo(
                f"  {r['program']} {r['parameter']} ({r['reference']}, "
                f"{_t('since', lang)} {r['effective_from']})"
            )


# The sub-domains' commands, mounted under `cakupan coverage`.
from cakupan.coverage.facts.cli import refresh  # noqa: E402
from cakupan.coverage.report.cli import report  # noqa: E402

app.command("report")(report)
app.command("refresh")(refresh)

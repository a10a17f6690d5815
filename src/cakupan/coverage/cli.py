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
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Cek kepesertaan NIK pada suatu tanggal; laporan rakor cakupan.", no_args_is_help=True
)

COVERED, NOT_COVERED, ERROR, NO_RECORD = 0, 1, 2, 3

JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak JSON untuk mesin.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id atau en.")]
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


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=ERROR)


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
    lang = "en" if lang.lower().startswith("en") else "id"
    try:
        day = dt.date.fromisoformat(date.strip())
    except ValueError:
        raise _fail(_t("bad_date", lang, value=date)) from None
    digits = "".join(ch for ch in nik if ch not in " .-")
    if not (digits.isdigit() and len(digits) == 16):
        raise _fail(_t("bad_nik", lang))

    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from django.utils import translation

    from cakupan.accounts.models import User
    from cakupan.registry.selectors import CoverageStatus, coverage_as_dict, coverage_on

    viewer = None
    if user:
        viewer = User.objects.filter(username=user, is_active=True).first()
        if viewer is None:
            raise _fail(_t("bad_user", lang, value=user))
    answer = coverage_on(nik=digits, day=day, user=viewer)
    scoped = viewer is not None
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


# ---------------------------------------------------------------- rakor report

REPORT_TEXT = {
    "bad_date": (
        "--{field}: tanggal harus YYYY-MM-DD (diberikan '{value}').",
        "--{field}: the date must be YYYY-MM-DD (got '{value}').",
    ),
    "bad_format": ("--format: pdf atau xlsx.", "--format: pdf or xlsx."),
    "bad_user": ("Pengguna '{value}' tidak ditemukan.", "User '{value}' not found."),
    "written": (
        "Laporan {region} per {date} ditulis ke {path} (nomor dokumen {reference}).",
        "Report for {region} as of {date} written to {path} (document number {reference}).",
    ),
    # The figures are those of the last month end with facts on or before the date asked;
    # the line names that month end, as the file does, and the date asked beside it.
    "written_month": (
        "Laporan {region} tanggal {date}, angka per {month}, ditulis ke {path} "
        "(nomor dokumen {reference}).",
        "Report for {region} dated {date}, figures as of {month}, written to {path} "
        "(document number {reference}).",
    ),
}


class _Assignments:
    def __init__(self, rows):
        self._rows = rows

    def all(self):
        return list(self._rows)


class ShellOperator:
    """The operator at the shell without `--as`: they already hold the database (as `coverage
    check` without `--user` argues), so they read as an administrator of the report's
    province. Not a database user: the audit row names them `shell:<login>`."""

    is_authenticated = True
    is_active = True
    pk = None

    def __init__(self, region_code: str):
        import getpass

        from cakupan.accounts.models import RoleAssignment
        from cakupan.accounts.roles import Role

        self.username = f"shell:{getpass.getuser()}"
        province = (region_code or "").split(".")[0]
        self.assignments = _Assignments(
            [RoleAssignment(role=Role.ADMINISTRATOR, region_code=province)]
        )

    def __str__(self) -> str:
        return self.username


def _report_date(text: str, field: str, lang: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise _fail(REPORT_TEXT["bad_date"][lang == "en"].format(field=field, value=text)) from None


@app.command("report")
def report(
    region: Annotated[str, typer.Option("--region", help="Kode wilayah, mis. 62.08.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Berkas keluaran.")],
    date: Annotated[
        str,
        typer.Option(
            "--date",
            help="Tanggal laporan YYYY-MM-DD (bawaan: akhir bulan terakhir yang sudah dihitung).",
        ),
    ] = "",
    fmt: Annotated[str, typer.Option("--format", help="pdf atau xlsx.")] = "pdf",
    acting: Annotated[
        str,
        typer.Option(
            "--as",
            "--user",
            help="Buat laporan sebagai pengguna ini (username), dalam wilayahnya. Tanpa ini: "
            "operator shell, seluruh provinsi wilayah itu.",
        ),
    ] = "",
    lang: LangOpt = "id",
    persons: Annotated[
        int | None, typer.Option("--sim-persons", help="Simulasi: jumlah orang.")
    ] = None,
    months: Annotated[int | None, typer.Option("--sim-months", help="Simulasi: bulan.")] = None,
    start: Annotated[str, typer.Option("--sim-start", help="Simulasi: mulai YYYY-MM-DD.")] = "",
    income: Annotated[
        int | None, typer.Option("--sim-income", help="Simulasi: penghasilan (Rp).")
    ] = None,
    with_jht: Annotated[bool, typer.Option("--sim-jht", help="Simulasi: dengan JHT.")] = False,
) -> None:
    """Laporan rakor cakupan (PDF atau XLSX) untuk satu wilayah dan tanggal.

    Kode keluar: 0 = berkas ditulis, 2 = galat (wilayah tidak dikenal, belum ada fakta
    cakupan, tanggal salah, tidak berwenang).
    """
    lang = "en" if lang.lower().startswith("en") else "id"
    fmt = fmt.lower().strip()
    if fmt not in ("pdf", "xlsx"):
        raise _fail(REPORT_TEXT["bad_format"][lang == "en"])
    day = _report_date(date, "date", lang) if date else None
    first = _report_date(start, "sim-start", lang) if start else None

    from cakupan.bootstrap import django_setup

    django_setup(database="ready")

    from cakupan.accounts.models import User
    from cakupan.coverage.report.export import report_export
    from cakupan.coverage.report.selectors import SimulationRequest
    from cakupan.errors import is_domain_error

    if acting:
        viewer = User.objects.filter(username=acting, is_active=True).first()
        if viewer is None:
            raise _fail(REPORT_TEXT["bad_user"][lang == "en"].format(value=acting))
    else:
        viewer = ShellOperator(region)
    asked = SimulationRequest(
        persons=persons, months=months, start=first, income=income, with_jht=with_jht
    )
    try:
        found = report_export(
            user=viewer,
            region_code=region.strip(),
            on=day,
            fmt=fmt,
            simulation=asked,
            lang=lang,
            via="cli",
        )
    except Exception as exc:
        if not is_domain_error(exc):
            raise
        raise _fail(exc.message(lang)) from None
    output.write_bytes(found.content)
    from cakupan.rules.formats import long_date

    done = found.report
    key = "written" if done.date == done.month else "written_month"
    typer.echo(
        REPORT_TEXT[key][lang == "en"].format(
            region=done.region_name,
            date=long_date(done.month if key == "written" else done.date, lang),
            month=long_date(done.month, lang),
            path=output,
            reference=done.reference,
        )
    )


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
                raise _fail(
                    REFRESH_TEXT["not_regency"][lang == "en"].format(
                        value=code, name=other.name, example=example
                    )
                )
            raise _fail(REFRESH_TEXT["bad_regency"][lang == "en"].format(value=regency))
        return [(found.code, found.name)]
    codes = set(Spell.objects.values_list("regency_code", flat=True).distinct())
    codes |= set(RefreshState.objects.values_list("regency_code", flat=True))
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [(c, names.get(c, c)) for c in sorted(codes)]


@app.command("refresh")
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
    lang = "en" if lang.lower().startswith("en") else "id"
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
        actor = ShellOperator(code)  # the audit row names the shell login
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

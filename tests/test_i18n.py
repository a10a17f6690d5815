"""English is complete: every string the code marks for translation has an English text.

The check re-extracts the strings from a copy of the sources (so a string added without
running makemessages is caught too) and compares them with the committed catalogues.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[1] / "src" / "cakupan"


def _po_entries(po_file: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry; enough of the .po format for our catalogues."""
    entries, msgid, msgstr, fuzzy, field, context = [], None, None, False, None, ""
    lines = po_file.read_text(encoding="utf-8").splitlines() + [""]
    for line in lines:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            # gettext's own key for a msgid with a context (what pgettext looks up).
            context = _unquote(line[8:]) + "\x04"
        elif line.startswith("msgid "):
            msgid, field = context + _unquote(line[6:]), "id"
        elif line.startswith("msgid_plural "):
            field = None
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[7:]), "str"
        elif line.startswith("msgstr["):
            # Plural forms: every form must be translated, so one empty form empties the entry.
            text = _unquote(line.split(" ", 1)[1])
            msgstr = text if msgstr is None else (msgstr if text else "")
            field = "plural"
        elif line.startswith('"') and field in ("id", "str"):
            if field == "id":
                msgid += _unquote(line)
            else:
                msgstr += _unquote(line)
        elif not line.strip():
            if msgid:  # the header has an empty msgid
                entries.append((msgid, msgstr or "", fuzzy))
            msgid, msgstr, fuzzy, field, context = None, None, False, None, ""
    return entries


def _unquote(text: str) -> str:
    return (
        text.strip()[1:-1]
        .encode("utf-8")
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def _catalogues(root: Path) -> list[Path]:
    return sorted(root.rglob("locale/en/LC_MESSAGES/django.po"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """A copy of the sources with catalogues refreshed by makemessages."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed (apt-get install gettext); scripts/test installs it")
    copy = tmp_path_factory.mktemp("i18n") / "cakupan"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "data"))
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy


def test_every_string_has_an_english_translation(extracted):
    missing = []
    for po in _catalogues(extracted):
        for msgid, msgstr, fuzzy in _po_entries(po):
            if fuzzy or not msgstr:
                missing.append(f"{po.relative_to(extracted)}: {msgid!r}")
    assert not missing, "untranslated (run makemessages -l en and translate):\n" + "\n".join(
        missing
    )


def test_compiled_catalogues_match_the_sources():
    """The .mo files shipped in the package say what the .po files say."""
    catalogues = _catalogues(SRC)
    assert catalogues, "no English catalogue found"
    with translation.override("en"):
        for po in catalogues:
            assert po.with_suffix(".mo").exists(), f"{po} is not compiled"
            for msgid, msgstr, _fuzzy in _po_entries(po):
                if "%(" in msgid or "\n" in msgid:
                    continue
                assert translation.gettext(msgid) == msgstr, f"{msgid!r} in {po}"

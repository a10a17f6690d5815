"""One cross-region test that cannot be forgotten (issue #12, point 6).

Every model that carries a region or regency code is found from `apps.get_models()`. For each,
its factory makes a row in Kecamatan Sukamara (62.08.01), and a user scoped to Kecamatan Jelai
(62.08.02, holding every role there) tries each selector, page and API operation that serves
the model: lists must not show the row, reads and exports answer 404/403 (selectors: NotFound
or PermissionDenied), writes answer 404/403 and change nothing. Each operation is also run as a
regency-wide administrator, who must see the row: a check that could not see it anyway proves
nothing.

A new model with a region or regency code and no entry in `COVERED` or `NOT_SCOPED` fails
`test_every_region_scoped_model_is_covered`: add its factory (tests/cross_region_support.py)
and the operations that serve it.

Selectors and factories are dotted-path strings resolved when the test runs, and pages and API
operations are URL names, so moving a module means changing this table only.
"""

import dataclasses
import importlib
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from tests.conftest import KEC_JELAI, make_user

pytestmark = pytest.mark.django_db

F = "tests.cross_region_support:"

# Field names that put a row in a region (the scope module filters on them).
REGION_FIELDS = {"region_code", "regency_code", "area_code", "kecamatan_code", "desa_code"}

# --- the table's vocabulary ---------------------------------------------------------------

LIST = "list"  # the row must not appear (a page or answer may also refuse outright: 403/404)
READ = "read"  # must answer 404/403 (selectors: raise NotFound or PermissionDenied)
WRITE = "write"  # must answer 404/403 and change nothing


@dataclass(frozen=True)
class Sel:
    """A selector, called with `user=` and `kwargs` ("$name" is the row's id `name`)."""

    path: str
    kind: str
    kwargs: dict = field(default_factory=dict)
    # False where the operation serves the model without printing its marker (a total that
    # sums it with others): the refusal is still checked, the control is not.
    control: bool = True


@dataclass(frozen=True)
class Page:
    """A page by URL name, with the Django test client logged in."""

    name: str
    kind: str
    args: tuple = ()
    query: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    post: bool = False  # a read or export that is asked for by POST (forms with a reason)
    control: bool = True  # the regency administrator sees the marker here (see Sel.control)


@dataclass(frozen=True)
class Api:
    """An API operation by URL name (namespace `api`), with a bearer token."""

    name: str
    kind: str
    method: str = "get"
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    json: dict = field(default_factory=dict)
    control: bool = True


@dataclass(frozen=True)
class Entry:
    factory: str
    ops: tuple
    note: str = ""  # what serves the model beyond these, and why it is not checked here


def _claim_ops(*extra):
    """What serves a claim and everything hanging off it (heirs, documents, decision, payment)."""
    return (
        Sel("cakupan.claims.selectors:claim_list", LIST),
        Sel("cakupan.claims.selectors:claim_get", READ, {"claim_id": "$claim_id"}),
        Page("claims:list", LIST),
        Page("claims:detail", READ, ("$claim_id",)),
        # The decision letter exists once a claim is approved (400 before): refusal only.
        Page("claims:letter", READ, ("$claim_id",), control=False),
        Page("claims:basis", WRITE, ("$claim_id",), data={"wage": "9999999", "reason": "coba"}),
        Page("claims:paid_through", WRITE, ("$claim_id",), data={"paid_through": "2024-11"}),
        Page(
            "claims:heir_add",
            WRITE,
            ("$claim_id",),
            data={"relation": "child", "name": "Penyusup", "birth_date": "2010-01-01"},
        ),
        Page("claims:transition", WRITE, ("$claim_id", "verify"), data={"note": "x"}),
        Page("claims:transition", WRITE, ("$claim_id", "reject"), data={"reason": "x"}),
        Api("api:claim_list", LIST),
        Api("api:claim_get", READ, kwargs={"claim_id": "$claim_id"}),
        Api(
            "api:heir_add",
            WRITE,
            "post",
            {"claim_id": "$claim_id"},
            json={"relation": "child", "name": "Penyusup"},
        ),
        Api(
            "api:claim_paid_through",
            WRITE,
            "post",
            {"claim_id": "$claim_id"},
            json={"paid_through": "2024-11", "reason": "x"},
        ),
        Api(
            "api:claim_transition",
            WRITE,
            "post",
            {"claim_id": "$claim_id"},
            json={"action": "reject", "reason": "x"},
        ),
        *extra,
    )


def _person_ops(*extra):
    return (
        Sel("cakupan.registry.selectors:person_search", LIST, {"query": "Xregio"}),
        Sel("cakupan.registry.selectors:person_get", READ, {"person_id": "$person_id"}),
        Sel("cakupan.registry.selectors:person_history", READ, {"person_id": "$person_id"}),
        Page("registry:search", LIST, query={"q": "Xregio"}),
        Page("registry:person", READ, ("$person_id",)),
        Page("registry:reveal_nik", WRITE, ("$person_id",), data={"reason": "coba"}),
        Api("api:person_search", LIST, query={"q": "Xregio"}),
        Api("api:person_search_post", LIST, "post", json={"q": "Xregio"}),
        Api("api:person_get", READ, kwargs={"person_id": "$person_id"}),
        Api("api:person_spells", READ, kwargs={"person_id": "$person_id"}, control=False),
        Api("api:person_reveal_nik", WRITE, "post", {"person_id": "$person_id"}, json={}),
        *extra,
    )


def _bill_ops():
    return (
        Sel("cakupan.billing.selectors:bill_list", LIST),
        Sel("cakupan.billing.selectors:bill_get", READ, {"bill_id": "$bill_id"}),
        Page("agreements:invoice", READ, ("$agreement_id",)),
        Page("billing:issue", WRITE, ("$agreement_id",), data={"reason": "coba"}),
    )


def _agreement_ops(*extra):
    return (
        Sel("cakupan.agreements.selectors:agreement_list", LIST),
        Sel("cakupan.agreements.selectors:agreement_get", READ, {"agreement_id": "$agreement_id"}),
        Sel(
            "cakupan.agreements.selectors:agreement_invoice",
            READ,
            {"agreement_id": "$agreement_id"},
            control=False,  # the invoice's lines name officers, not the agreement
        ),
        Page("agreements:list", LIST),
        Page("agreements:detail", READ, ("$agreement_id",)),
        Page("agreements:edit", READ, ("$agreement_id",)),
        Page("agreements:invoice", READ, ("$agreement_id",), control=False),
        Page("agreements:export", READ, ("$agreement_id", "kpu"), post=True, control=False),
        Page(
            "agreements:edit",
            WRITE,
            ("$agreement_id",),
            data={"title": "Diubah", "reason": "coba"},
        ),
        Api("api:agreement_list", LIST),
        Api("api:agreement_get", READ, kwargs={"agreement_id": "$agreement_id"}),
        Api("api:agreement_invoice", READ, kwargs={"agreement_id": "$agreement_id"}, control=False),
        *extra,
    )


def _handover_ops(*extra):
    return (
        Sel("cakupan.claims.selectors:handover_list", LIST),
        Sel("cakupan.claims.selectors:handover_get", READ, {"handover_id": "$handover_id"}),
        Page("claims:handovers", LIST),
        Page("claims:handover_detail", READ, ("$handover_id",)),
        Page("claims:handover_report", READ, ("$handover_id",)),
        *extra,
    )


def _facts_ops(*shown: str):
    """The monthly facts are read only as counts of a region and month. Each fact table
    feeds some of these reads (`shown`: those that print its count); all must refuse."""
    region = {"region": "$region_code", "month": "2024-11-30"}
    on_month = {"region_code": "$region_code", "month": "$month"}
    page_query = {"wilayah": "$region_code", "bulan": "2024-11"}
    return (
        Sel("cakupan.coverage.facts.selectors:coverage_facts", READ, on_month, "facts" in shown),
        Sel(
            "cakupan.coverage.facts.dashboard:coverage_dashboard", READ, on_month, "board" in shown
        ),
        Sel(
            "cakupan.coverage.facts.selectors:coverage_indicator",
            READ,
            {"region_code": "$region_code", "on": "$month"},
            "indicator" in shown,
        ),
        Page("coverage:dashboard", LIST, query=page_query),
        Page("coverage:report", LIST, query=page_query, control=False),
        Page("coverage:plan", LIST, query=page_query, control=False),
        Api("api:facts_list", READ, query=region, control="facts" in shown),
        Api(
            "api:indicators",
            READ,
            query={"region": "$region_code", "date": "2024-11-30"},
            control="indicator" in shown,
        ),
    )


FACTS_NOTE = (
    "The public coverage page (coverage:public_region) shows every region's counts to anyone, "
    "suppressing small cells: that is its purpose, so it is not a leak to test here."
)


def _gap_ops(*extra):
    return (
        Sel("cakupan.coverage.gap.selectors:resident_lists", READ, {"region_code": "$region_code"}),
        Sel("cakupan.coverage.gap.lists:resident_import_get", READ, {"import_id": "$import_id"}),
        Sel("cakupan.coverage.gap.lists:resident_imports_recent", LIST),
        Sel("cakupan.coverage.gap.lists:resident_lists_seen", LIST),
        Sel("cakupan.coverage.gap.selectors:gap_report", READ, {"region_code": "$region_code"}),
        Page("coverage:gap", LIST, query={"wilayah": "$region_code"}),
        Page("coverage:gap", LIST),
        Page("coverage:gap_download", READ, data={"wilayah": "$region_code"}, post=True),
        Page("coverage:gap_upload", LIST),
        Page("coverage:gap_import", READ, ("$import_id",)),
        Api("api:gap", READ, query={"region": "$region_code"}),
        *extra,
    )


# --- THE TABLE: one entry per region-scoped model -----------------------------------------

COVERED: dict[str, Entry] = {
    "registry.Person": Entry(F + "make_person", _person_ops()),
    "registry.PersonFlag": Entry(
        F + "make_person_flag",
        _person_ops(),
        note="A flag is read only with its person (registry.selectors.person_flags).",
    ),
    "registry.Employer": Entry(
        F + "make_employer",
        (
            Sel("cakupan.registry.selectors:employer_get", READ, {"employer_id": "$employer_id"}),
            Sel("cakupan.registry.selectors:employer_search", LIST, {"query": "$npp"}),
            Page("registry:employer", READ, ("$employer_id",)),
            Page("registry:search", LIST, query={"npp": "$npp"}),
        ),
    ),
    "registry.Spell": Entry(
        F + "make_spell",
        _person_ops(
            Page("registry:employer", READ, ("$employer_id",)),
        ),
        note="Spells are read through their person or employer (person_spells takes a person "
        "already loaded in scope).",
    ),
    "registry.DuplicateCandidate": Entry(
        F + "make_duplicate_candidate",
        (
            Sel("cakupan.registry.selectors:duplicate_queue", LIST),
            Sel(
                "cakupan.registry.selectors:duplicate_get", READ, {"candidate_id": "$candidate_id"}
            ),
            Page("registry:duplicates", LIST),
            Page("registry:duplicate_merge", WRITE, ("$candidate_id",), data={"keep": "a"}),
            Page("registry:duplicate_dismiss", WRITE, ("$candidate_id",), data={"note": "x"}),
        ),
    ),
    "agreements.Agreement": Entry(
        F + "make_agreement",
        _agreement_ops(
            Page("agreements:certificate", READ, ("$agreement_id", "$spell_id")),
        ),
    ),
    "agreements.AgreementParty": Entry(F + "make_agreement_party", _agreement_ops()),
    "agreements.AgreementDocument": Entry(
        F + "make_agreement_document",
        _agreement_ops(
            Sel(
                "cakupan.agreements.selectors:document_get",
                READ,
                {"agreement_id": "$agreement_id", "document_id": "$document_id"},
            ),
            Page("agreements:document_download", READ, ("$agreement_id", "$document_id")),
        ),
    ),
    "agreements.Certificate": Entry(
        F + "make_certificate",
        _agreement_ops(
            Page("agreements:certificate", READ, ("$agreement_id", "$spell_id")),
        ),
        note="certificate_verify (verifikasi/<code>/) is public by design: anyone holding the "
        "printed certificate checks it, and it shows initials only.",
    ),
    "billing.Bill": Entry(F + "make_bill", _bill_ops()),
    "billing.BillLine": Entry(F + "make_bill_line", _bill_ops()),
    "billing.BillSequence": Entry(
        F + "make_bill_sequence",
        _bill_ops(),
        note="the numbering counter is read and written only by bill_issue_for_agreement, "
        "which the bill's operations cover",
    ),
    "claims.Claim": Entry(F + "make_claim", _claim_ops()),
    "claims.Heir": Entry(
        F + "make_heir",
        _claim_ops(
            Page("claims:heir_remove", WRITE, ("$claim_id", "$heir_id"), data={"reason": "x"}),
            Page(
                "claims:heir_override",
                WRITE,
                ("$claim_id", "$heir_id"),
                data={"entitled": "no", "reason": "x"},
            ),
        ),
    ),
    "claims.ClaimDocument": Entry(
        F + "make_claim_document",
        _claim_ops(
            Sel(
                "cakupan.claims.selectors:document_get",
                READ,
                {"claim_id": "$claim_id", "document_id": "$document_id"},
            ),
            Page("claims:document_download", READ, ("$claim_id", "$document_id")),
        ),
    ),
    "claims.BenefitDecision": Entry(F + "make_benefit_decision", _claim_ops()),
    "claims.Payment": Entry(
        F + "make_payment",
        _claim_ops(Sel("cakupan.claims.selectors:claims_paid_unhanded", LIST)),
    ),
    "claims.HandOver": Entry(
        F + "make_handover",
        _handover_ops(
            Page("claims:handover_photo", WRITE, ("$handover_id",), data={}),
        ),
    ),
    "claims.HandOverPhoto": Entry(
        F + "make_handover_photo",
        _handover_ops(
            Sel(
                "cakupan.claims.selectors:photo_get",
                READ,
                {"handover_id": "$handover_id", "photo_id": "$photo_id"},
            ),
            Page("claims:handover_photo_download", READ, ("$handover_id", "$photo_id")),
        ),
    ),
    "coverage.Denominator": Entry(
        F + "make_denominator",
        (
            Sel(
                "cakupan.coverage.facts.selectors:denominator_list",
                READ,
                {"region_code": "$region_code"},
            ),
            Sel(
                "cakupan.coverage.basis.selectors:denominator_get",
                READ,
                {"region_code": "$region_code", "year": "$year"},
            ),
            Page("coverage:basis_denominators", LIST),
            Page("coverage:basis_denominators", LIST, query={"wilayah": "$region_code"}),
            Page("coverage:basis_denominator_template", LIST, control=False),
            Page(
                "coverage:basis_denominator_set",
                WRITE,
                data={
                    "region_code": "$region_code",
                    "year": "2024",
                    "working_population": "1",
                    "source": "coba",
                },
            ),
        ),
    ),
    "coverage.Target": Entry(
        F + "make_target",
        (
            Sel(
                "cakupan.coverage.facts.selectors:target_list",
                READ,
                {"region_code": "$region_code"},
            ),
            Sel(
                "cakupan.coverage.basis.selectors:target_get",
                READ,
                {"region_code": "$region_code", "year": "$year"},
            ),
            Page("coverage:basis_targets", LIST),
            Page("coverage:basis_targets", LIST, query={"wilayah": "$region_code"}),
            Page(
                "coverage:basis_targets",
                WRITE,
                data={"region_code": "$region_code", "year": "2024", "rate": "1", "source": "x"},
            ),
        ),
    ),
    "coverage.CoverageFact": Entry(F + "make_coverage_fact", _facts_ops("facts"), FACTS_NOTE),
    "coverage.CoverageMarginal": Entry(
        F + "make_coverage_marginal", _facts_ops("indicator"), FACTS_NOTE
    ),
    "coverage.CoverageFlagFact": Entry(
        F + "make_coverage_flag_fact", _facts_ops("indicator"), FACTS_NOTE
    ),
    "coverage.CoverageTotal": Entry(
        F + "make_coverage_total", _facts_ops("board", "indicator"), FACTS_NOTE
    ),
    "coverage.ResidentList": Entry(F + "make_resident_list", _gap_ops()),
    "coverage.Resident": Entry(F + "make_resident", _gap_ops()),
    "coverage.ResidentFlag": Entry(F + "make_resident_flag", _gap_ops()),
    "coverage.ResidentImport": Entry(F + "make_resident_import", _gap_ops()),
    "imports.ImportBatch": Entry(
        F + "make_import_batch",
        (
            Sel("cakupan.imports.selectors:batch_list", LIST),
            Sel("cakupan.imports.selectors:batch_get", READ, {"batch_id": "$batch_id"}),
            Sel(
                "cakupan.imports.selectors:roster_batches", LIST, {"agreement_id": "$agreement_id"}
            ),
            Page("imports:list", LIST),
            Page("imports:detail", READ, ("$batch_id",)),
            Page("imports:progress", READ, ("$batch_id",), control=False),  # a fragment
            # The factory's batch has no stored file to build the error report from.
            Page("imports:report", READ, ("$batch_id",), control=False),
            Page("imports:mapping", WRITE, ("$batch_id",), data={"NIK": "nik"}),
            Page("imports:commit", WRITE, ("$batch_id",)),
            Page("imports:cancel", WRITE, ("$batch_id",)),
            Api(
                "api:roster_status",
                READ,
                kwargs={"agreement_id": "$agreement_id", "batch_id": "$batch_id"},
            ),
            Api(
                "api:roster_commit",
                WRITE,
                "post",
                {"agreement_id": "$agreement_id", "batch_id": "$batch_id"},
            ),
        ),
    ),
    "accounts.RoleAssignment": Entry(
        F + "make_role_assignment",
        (
            Sel("cakupan.accounts.selectors:user_list", LIST),
            Sel("cakupan.accounts.selectors:user_get", READ, {"user_id": "$user_id"}),
            Sel("cakupan.accounts.selectors:assignment_list", LIST),
            Page("accounts:users", LIST),
            Page("accounts:user_detail", READ, ("$user_id",)),
            Page("accounts:user_export", LIST),
            Page(
                "accounts:user_edit",
                WRITE,
                ("$user_id",),
                data={"full_name": "Diubah", "office": "x", "is_active": "", "reason": "coba"},
            ),
            Api("api:list_users", LIST),
            Api("api:get_user", READ, kwargs={"user_id": "$user_id"}),
            Api(
                "api:patch_user",
                WRITE,
                "patch",
                {"user_id": "$user_id"},
                json={"full_name": "Diubah", "reason": "coba"},
            ),
        ),
        note="A user's scope is their role assignments; the user row itself carries no code.",
    ),
    "audit.AuditEvent": Entry(
        F + "make_audit_event",
        (
            Sel("cakupan.audit.selectors:audit_list", LIST),
            Page("audit:log", LIST),
            Page("audit:log", LIST, query={"q": "Xregio"}),
        ),
        note="The log is append-only (database triggers): nothing serves a change to it.",
    ),
}

# Models with a region or regency code that no user reads row by row in a region.
NOT_SCOPED: dict[str, str] = {
    "regions.Region": "the Kemendagri code list itself: public reference data every user reads",
    "coverage.FactMonth": "bookkeeping of which months of a regency's facts are computed; "
    "carries no count and no kecamatan",
    "coverage.RefreshState": "the regency's fact-refresh watermark; carries no count and no "
    "kecamatan",
}


# --- discovery ----------------------------------------------------------------------------


def region_scoped_models() -> list[str]:
    found = []
    for m in apps.get_models():
        for f in m._meta.get_fields():
            if not f.concrete:
                continue
            to_region = (
                isinstance(f, models.ForeignKey) and f.related_model._meta.label == "regions.Region"
            )
            if f.name in REGION_FIELDS or to_region:
                found.append(m._meta.label)
                break
    return sorted(found)


def test_every_region_scoped_model_is_covered():
    missing = [
        label
        for label in region_scoped_models()
        if label not in COVERED and label not in NOT_SCOPED
    ]
    assert not missing, (
        f"{', '.join(missing)} carr{'y' if len(missing) > 1 else 'ies'} a region or regency code "
        "but the cross-region test does not cover it. Add an entry to COVERED in "
        "tests/test_cross_region.py (a factory in tests/cross_region_support.py making a row in "
        "Kecamatan Sukamara, and every selector, page and API operation that serves the model), "
        "or, if no user reads it row by row in a region, to NOT_SCOPED with the reason."
    )
    stale = sorted((set(COVERED) | set(NOT_SCOPED)) - set(region_scoped_models()))
    assert not stale, f"no longer region-scoped models (remove their entries): {stale}"


def test_every_entry_checks_something():
    for label, entry in COVERED.items():
        kinds = {op.kind for op in entry.ops}
        assert entry.ops and kinds & {LIST, READ}, f"{label}: no read or list check"


# --- running the checks -------------------------------------------------------------------


def resolve(path: str):
    module, _sep, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _fill(value, row):
    if isinstance(value, str) and value.startswith("$"):
        return getattr(row, value[1:])
    if isinstance(value, dict):
        return {k: _fill(v, row) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(_fill(v, row) for v in value)
    return value


def _text(value, depth: int = 0) -> str:
    """Everything a result holds, as text (model rows with their field values)."""
    if depth > 4:
        return ""
    if isinstance(value, models.Model):
        fields = " ".join(str(getattr(value, f.attname, "")) for f in value._meta.concrete_fields)
        return f"{value} {fields}"
    if isinstance(value, dict):
        return " ".join(_text(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return " ".join(_text(v, depth + 1) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(_text(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        try:
            return " ".join(_text(v, depth + 1) for v in value)
        except TypeError:
            pass
    return str(value)


def _shows(result, row) -> bool:
    if isinstance(result, models.Model) and result._meta.label == row.obj._meta.label:
        if result.pk == row.obj.pk:
            return True
    text = _text(result)
    return any(m in text for m in row.markers)


def _refusal():
    from cakupan.errors import NotFound, PermissionDenied

    return (NotFound, PermissionDenied)


def run_selector(op: Sel, row, user) -> tuple[bool, str]:
    """(shows the row?, what happened)"""
    fn = resolve(op.path)
    try:
        result = fn(user=user, **_fill(op.kwargs, row))
    except _refusal() as err:
        return False, f"refused ({type(err).__name__})"
    shown = _shows(result, row)
    return shown, "returned the row" if shown else "returned without the row"


def _url(op, row) -> str:
    if isinstance(op, Page):
        return reverse(op.name, args=_fill(op.args, row))
    return reverse(op.name, kwargs=_fill(op.kwargs, row))


def run_http(op, row, client) -> tuple[int, str]:
    url = _url(op, row)
    query = _fill(op.query, row)
    if isinstance(op, Page):
        if op.kind == WRITE:
            # A page's POST handler reports a refusal as a message on the page it sends the
            # user back to; that page is what the user gets, and it must refuse too.
            response = client.post(url, _fill(op.data, row), follow=True)
        elif op.post:
            response = client.post(url, {**query, **_fill(op.data, row)})
        else:
            response = client.get(url, query)
    else:
        method = getattr(client, op.method)
        if op.method == "get":
            response = method(url, query)
        else:
            response = method(url, data=_fill(op.json, row), content_type="application/json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode("utf-8", "replace")


def _api_client(user) -> Client:
    from cakupan.accounts.services import token_issue

    _token, raw = token_issue(actor=user, name="cross-region")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _state(row) -> dict:
    """What a refused attempt must leave as it was: the row's fields, and how many rows every
    region-scoped model and the audit log hold."""
    obj = type(row.obj).objects.get(pk=row.obj.pk)
    fields = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    counts = {label: apps.get_model(label).objects.count() for label in region_scoped_models()}
    return {"row": fields, "counts": counts}


@pytest.fixture
def jelai(regions):
    """The Jelai user at their strongest: administrator and regency operator of Kecamatan
    Jelai, so every permission is held there and only the region can stop them."""
    user = make_user("xr_jelai", "administrator", KEC_JELAI)
    user.assignments.create(role="regency_operator", region_code=KEC_JELAI)
    return user


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _describe(op) -> str:
    if isinstance(op, Sel):
        return f"selector {op.path}({op.kwargs})"
    if isinstance(op, Page):
        return f"page {op.name}{op.args} {op.kind}"
    return f"api {op.method.upper()} {op.name}{op.kwargs} {op.kind}"


@pytest.mark.parametrize("label", sorted(COVERED))
def test_jelai_cannot_list_read_export_or_change_another_kecamatans_row(label, jelai):
    from tests.cross_region_support import regency_admin

    entry = COVERED[label]
    row = resolve(entry.factory)()
    assert row.obj._meta.label == label, f"{entry.factory} made a {row.obj._meta.label}"
    admin = regency_admin()

    page, api = Client(), _api_client(jelai)
    page.force_login(jelai)
    before = _state(row)
    leaks = []
    for op in entry.ops:
        if isinstance(op, Sel):
            shown, what = run_selector(op, row, jelai)
            if shown:
                leaks.append(f"{_describe(op)}: {what}")
            continue
        status, body = run_http(op, row, page if isinstance(op, Page) else api)
        if status >= 500:
            leaks.append(f"{_describe(op)}: server error {status}")
        elif op.kind == LIST and status == 200 and _in(row, body):
            leaks.append(f"{_describe(op)}: the list shows {row.marker!r}")
        elif op.kind in (READ, WRITE) and status not in (403, 404):
            leaks.append(f"{_describe(op)}: answered {status}, not 404/403")
        elif _in(row, body):
            leaks.append(f"{_describe(op)}: the refusal shows {row.marker!r}")
    assert _state(row) == before, f"{label}: a refused attempt changed something"
    assert not leaks, f"{label} in Kecamatan Sukamara reached a Jelai user:\n" + "\n".join(leaks)

    # The control: the regency administrator sees the row through the same reads, so each
    # check above looked where the row would show.
    admin_page, admin_api = Client(), _api_client(admin)
    admin_page.force_login(admin)
    blind = []
    for op in entry.ops:
        if op.kind == WRITE or not op.control:
            continue
        if isinstance(op, Sel):
            shown, what = run_selector(op, row, admin)
            if not shown:
                blind.append(f"{_describe(op)}: {what}")
            continue
        status, body = run_http(op, row, admin_page if isinstance(op, Page) else admin_api)
        if status != 200 or not (_in(row, body) or _is_file(body)):
            blind.append(f"{_describe(op)}: answered {status} without {row.marker!r}")
    assert not blind, f"{label}: the regency administrator does not see the row:\n" + "\n".join(
        blind
    )


def _in(row, body: str) -> bool:
    return any(m in body for m in row.markers)


def _is_file(body: str) -> bool:
    """A download (PDF, image, spreadsheet) answers the file, not the marker's text."""
    return body.startswith(("%PDF", "\ufffdPNG", "PK")) or "\x00" in body[:64]

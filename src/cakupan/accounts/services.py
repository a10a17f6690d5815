"""Writes to accounts: users, role assignments and API tokens. Each is one audited transaction."""

import datetime as dt
import secrets

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation

from cakupan.accounts.models import ApiToken, RoleAssignment, User
from cakupan.accounts.roles import Role
from cakupan.accounts.scope import SystemActor, region_contains, require_permission
from cakupan.accounts.selectors import user_get
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError, NotFound

_EDITABLE = ("full_name", "office", "email", "language", "is_active")


def _check_region(region_code: str) -> None:
    from cakupan.regions.selectors import region_get

    region_get(code=region_code)  # raises the domain error for an unknown code


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(
            "dates_reversed",
            "Tanggal akhir sebelum tanggal mulai.",
            "The end date is before the start date.",
        )


def _check_username(username: str) -> None:
    try:
        if not username:
            raise ValidationError("empty")
        UnicodeUsernameValidator()(username)
    except ValidationError as err:
        raise DomainError(
            "username_invalid",
            "Nama pengguna hanya boleh berisi huruf, angka dan . @ + - _",
            "A username may contain only letters, digits and . @ + - _",
        ) from err


def _check_password(password: str, user: User) -> None:
    """The installation's password rules (AUTH_PASSWORD_VALIDATORS), in both languages."""
    try:
        validate_password(password or "", user)
    except ValidationError as err:
        texts = {}
        for lang in ("id", "en"):
            with translation.override(lang):
                texts[lang] = " ".join(str(m) for m in err)
        raise DomainError(
            "password_weak",
            "Kata sandi belum memenuhi syarat: {problems_id}",
            "The password does not meet the rules: {problems_en}",
            problems_id=texts["id"],
            problems_en=texts["en"],
        ) from err


_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def password_generate() -> str:
    """A random first password that is easy to read out (`k3mf-9xqa-t7pw-2hcn`)."""
    groups = ["".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    region_code: str,
    full_name: str = "",
    office: str = "",
    email: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    reason: str = "",
) -> User:
    """Create a user with their first role assignment, inside the actor's own scope.

    An administrator scoped to 62.08 can grant roles in 62.08 and below, nowhere else. The
    password must pass the installation's password rules (see `password_generate` for one
    that does).
    """
    require_permission(user=actor, permission="accounts.manage_user", region_code=region_code)
    _check_region(region_code)
    if role not in Role.values:
        raise DomainError(
            "role_unknown", "Peran tidak dikenal: {role}", "Unknown role: {role}", role=role
        )
    username = (username or "").strip()
    _check_username(username)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            "username_taken",
            "Nama pengguna {username} sudah dipakai.",
            "Username {username} is already taken.",
            username=username,
        )
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as err:
            raise DomainError(
                "email_invalid",
                "Alamat email {email} tidak sah.",
                "The email address {email} is not valid.",
                email=email,
            ) from err
    _check_dates(valid_from, valid_to)
    user = User(username=username, full_name=full_name.strip(), office=office.strip(), email=email)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    assignment = RoleAssignment.objects.create(
        user=user, role=role, region_code=region_code, valid_from=valid_from, valid_to=valid_to
    )
    audit_record(
        actor=actor,
        action="accounts.user_create",
        object_type="user",
        object_id=user.pk,
        region_code=region_code,
        after={**snapshot(user), "assignment": snapshot(assignment)},
        reason=reason,
    )
    return user


@transaction.atomic
def user_update(*, actor, user_id: int, reason: str = "", **changes) -> User:
    """Change a user's profile fields. The actor must manage users where the user works."""
    target = user_get(user=actor, user_id=user_id, permission="accounts.manage_user")
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise DomainError(
            "field_not_editable",
            "Kolom tidak dapat diubah: {fields}",
            "Fields cannot be changed: {fields}",
            fields=", ".join(sorted(unknown)),
        )
    before = snapshot(target)
    for field, value in changes.items():
        setattr(target, field, value)
    target.save(update_fields=list(changes) or None)
    audit_record(
        actor=actor,
        action="accounts.user_update",
        object_type="user",
        object_id=target.pk,
        region_code=_home_region(target),
        before=before,
        after=snapshot(target),
        reason=reason,
    )
    return target


@transaction.atomic
def token_issue(
    *, actor, name: str, expires_at: dt.datetime | None = None, reason: str = ""
) -> tuple[ApiToken, str]:
    """Issue an API token for the actor themself. The raw key is returned once, never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=raw[4:12],
        key_hash=ApiToken.hash_key(raw),
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="accounts.token_issue",
        object_type="api_token",
        object_id=token.pk,
        region_code=_home_region(actor),
        after={"name": name, "prefix": token.prefix, "expires_at": str(expires_at or "")},
        reason=reason,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token_id: int, reason: str = "") -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=actor).first()
    if token is None:
        raise NotFound("token_not_found", "Token tidak ditemukan.", "Token not found.")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    audit_record(
        actor=actor,
        action="accounts.token_revoke",
        object_type="api_token",
        object_id=token.pk,
        region_code=_home_region(actor),
        reason=reason,
    )
    return token


def _home_region(user) -> str:
    """The outermost region the user is assigned to: where their audit rows are filed."""
    codes = sorted({a.region_code for a in user.assignments.all()}, key=len)
    return next((c for c in codes if not any(region_contains(o, c) for o in codes if o != c)), "")


@transaction.atomic
def user_bootstrap(
    *,
    username: str,
    password: str,
    role: str,
    region_code: str,
    full_name: str = "",
    job: str = "cakupan users add",
) -> User:
    """Create or reset a user without an acting user: the first administrator, the demo users.

    Only the CLI calls this (someone with shell access to the server); it is audited as the
    system acting for `job`.
    """
    _check_region(region_code)
    user, created = User.objects.get_or_create(username=username)
    before = None if created else snapshot(user)
    user.full_name = full_name or user.full_name
    user.is_active = True
    user.set_password(password)
    user.save()
    RoleAssignment.objects.get_or_create(user=user, role=role, region_code=region_code)
    audit_record(
        actor=SystemActor(job=job, region_codes=(region_code,)),
        action="accounts.user_bootstrap",
        object_type="user",
        object_id=user.pk,
        region_code=region_code,
        before=before,
        after=snapshot(user),
        reason="created from the command line",
    )
    return user

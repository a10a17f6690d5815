"""How an audit row reads to a person: the action in words, and only what changed.

The log stores stable codes (`registry.person_update`) and JSON pictures of the record before
and after; this module turns them into "Data peserta diubah" and a short list of
`field: before → after`, with dates as `27 November 2024`, money as `Rp1.234.567` and choice
codes as their labels. Field names and choice labels come from the models themselves, so a
new field reads well without touching this file.
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cakupan.audit.actions import Action
from cakupan.audit.labels import (
    FALLBACK_LABELS,
    FIELD_LABELS,
    OBJECT_LABELS,
    OBJECT_MODELS,
    REASON_LABELS,
    VALUE_LABELS,
)
from cakupan.audit.redaction import audit_redact
from cakupan.rules import formats as formatting

# Keys that hold a user id: shown as the username.
_USER_KEYS = re.compile(r"(^|_)(by|user|actor)$")

# Internal columns that say nothing to a reader of the log.
HIDDEN_FIELDS = {"id", "name_key", "key_hash", "password", "regency_code", "user_permissions"}

_MONEY_NAMES = re.compile(
    r"(^|_)(wage|income|amount|total|budget|ceiling|price|value|benefit|rupiah)(_|$)"
)
_EMPTY = "—"


@dataclass
class Change:
    label: str
    before: str
    after: str


def action_label(code: str) -> str:
    """The action in words, or the code itself for a row written before its action was named."""
    return str(Action(code).label) if code in Action.values else code


def object_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type.replace("_", " ")


def reason_label(reason: str) -> str:
    label = REASON_LABELS.get(reason or "")
    return str(label) if label is not None else (reason or "")


@functools.lru_cache(maxsize=64)
def _model_for(object_type: str) -> type[models.Model] | None:
    """The model an object type names (`import_batch` -> ImportBatch), if one is unique."""
    if object_type in OBJECT_MODELS:
        try:
            return apps.get_model(OBJECT_MODELS[object_type])
        except LookupError:
            return None
    wanted = (object_type or "").replace("_", "").lower()
    found = [
        m
        for m in apps.get_models()
        if m._meta.model_name == wanted and m.__module__.startswith("cakupan.")
    ]
    return found[0] if len(found) == 1 else None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a relation without a concrete field
        return None


def _label(model, key: str) -> str:
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    field = _field(model, key)
    verbose = getattr(field, "verbose_name", None)
    if verbose and str(verbose) != key.replace("_", " "):
        text = str(verbose)
        return text[:1].upper() + text[1:]
    if key in FALLBACK_LABELS:
        return str(FALLBACK_LABELS[key])
    return key.replace("_", " ").capitalize()


def _choices(model, key: str) -> dict:
    field = _field(model, key)
    if field is not None and getattr(field, "choices", None):
        return {str(k): v for k, v in field.choices}
    # A list of related rows (a person's `flags`) reads with the labels of their one coded field.
    related = getattr(field, "related_model", None)
    if related is not None and field.one_to_many:
        coded = [f for f in related._meta.concrete_fields if getattr(f, "choices", None)]
        if len(coded) == 1:
            return {str(k): v for k, v in coded[0].choices}
    if key == "role":
        from cakupan.accounts.roles import Role

        return {str(k): v for k, v in Role.choices}
    return VALUE_LABELS.get(key, {})


def _is_user_key(model, key: str) -> bool:
    field = _field(model, key)
    if field is not None and getattr(field, "related_model", None) is not None:
        from django.contrib.auth import get_user_model

        return field.related_model is get_user_model()
    return bool(_USER_KEYS.search(key))


def _username(value: Any) -> str | None:
    """The username of a stored user id (`8` -> `desa`), or None if it is not one."""
    if isinstance(value, bool) or not (
        isinstance(value, int) or (isinstance(value, str) and value.isdigit())
    ):
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=int(value)).values_list("username", flat=True).first()


def _lang() -> str:
    return (get_language() or "id")[:2]


def format_value(value: Any, *, key: str = "", model=None) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return _EMPTY
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(format_value(v, key=key, model=model) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(None, k)}: {format_value(v, key=k)}"
            for k, v in value.items()
            if k not in HIDDEN_FIELDS
        )
    if _is_user_key(model, key):
        name = _username(value)
        if name is not None:
            return name
    choices = _choices(model, key)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    field = _field(model, key)
    if isinstance(value, (int, float)) and (
        _MONEY_NAMES.search(key) or isinstance(field, models.DecimalField)
    ):
        return formatting.rupiah(int(value))
    if isinstance(value, str):
        if len(value) > 10 and formatting.parse_iso_date(value) is not None:
            return _date_time(value)
        if len(value) == 10 and formatting.parse_iso_date(value) is not None:
            return formatting.long_date(value, _lang())
        if _MONEY_NAMES.search(key) and value.isdigit():
            return formatting.rupiah(int(value))
    return str(value)


def _date_time(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return formatting.long_date(text, _lang())
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{formatting.long_date(moment, _lang())} {moment:%H:%M}"


def _flatten(data: dict | None) -> dict[str, Any]:
    """Nested pictures (a user with its first role) as `assignment.role` keys."""
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if key in HIDDEN_FIELDS:
            continue
        if isinstance(value, dict) and key not in ("parties",):
            for inner, inner_value in value.items():
                if inner not in HIDDEN_FIELDS and inner != "user":
                    out[f"{key}.{inner}"] = inner_value
        else:
            out[key] = value
    return out


def audit_changes(*, object_type: str, before: dict | None, after: dict | None) -> list[Change]:
    """Only what differs between before and after, each as `label: before → after`.

    A new record (no before) lists the fields it was given; empty and false ones are left
    out, as they say nothing.
    """
    model = _model_for(object_type)
    old, new = _flatten(audit_redact(before)), _flatten(audit_redact(after))
    keys = list(new) + [k for k in old if k not in new]
    rows = []
    for key in keys:
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        if before is None and now in (None, "", [], {}, False):
            continue
        inner_model, inner_key = model, key
        if "." in key:
            outer, inner_key = key.split(".", 1)
            inner_model = _model_for(_NESTED_MODELS.get(outer, outer))
        label = _label(inner_model, inner_key)
        rows.append(
            Change(
                label=label,
                before=format_value(was, key=inner_key, model=inner_model),
                after=format_value(now, key=inner_key, model=inner_model),
            )
        )
    return rows


_NESTED_MODELS = {"assignment": "role_assignment"}

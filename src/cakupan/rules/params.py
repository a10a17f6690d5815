"""Dated, cited parameters read from `rules/parameters/*.yaml` (OpenFisca's layout, our loader).

A file `pu.yaml` holding `jkk_rate:` defines the parameter `pu.jkk_rate`. Each parameter has

    description: {id: ..., en: ...}
    unit: percent            # one of UNITS; `units: {field: unit}` overrides inside tables
    values:
      2015-07-01:            # in force from this day until the next key
        value: 0.24
        reference: {regulation: PP 44/2015, article: Lampiran I, title: ..., note: ...}

Percent values are written as the regulation writes them (0.24 means 0.24 %), and YAML decimals
are read as `Decimal`, never float. The loader refuses: a value without a reference
(regulation and article), an unknown unit, dates out of order or repeated, a fractional rupiah,
and any number that is not exact. Asking for a date before the first value raises
`NotInForceError`; there is no silent 0.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from cakupan.rules.errors import NotInForceError, ParameterError

PARAMETERS_DIR = Path(__file__).parent / "parameters"

UNITS = {
    "rupiah": "whole rupiah (int)",
    "percent": "percent as written in the regulation: 0.24 means 0.24 % (exact decimal)",
    "multiplier": "times a base amount, e.g. 48 x upah (exact decimal)",
    "months": "whole months",
    "days": "whole days",
    "years": "whole years",
    "count": "whole number of people or items",
    "code": "a text code from a fixed vocabulary",
    "boolean": "true or false",
}
REFERENCE_KEYS = {"regulation", "article", "title", "note", "url"}
PARAMETER_KEYS = {"description", "unit", "units", "values"}


@dataclass(frozen=True)
class Reference:
    regulation: str
    article: str
    title: str | None = None
    note: str | None = None
    url: str | None = None

    def __str__(self) -> str:
        return f"{self.regulation} {self.article}"

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(frozen=True)
class ParameterValue:
    name: str
    value: Any
    unit: str
    effective_from: dt.date
    reference: Reference


@dataclass(frozen=True)
class Parameter:
    name: str
    description: dict[str, str]
    unit: str
    units: dict[str, str]
    history: tuple[ParameterValue, ...]

    def at(self, date: dt.date) -> ParameterValue:
        """The value in force on `date` (the exact day, not the start of its month)."""
        day = _as_date(date)
        found = None
        for item in self.history:
            if item.effective_from <= day:
                found = item
            else:
                break
        if found is None:
            raise NotInForceError(
                "param.not_in_force",
                name=self.name,
                date=day.isoformat(),
                first=self.history[0].effective_from.isoformat(),
            )
        return found

    def breakpoints(self) -> list[dt.date]:
        return [item.effective_from for item in self.history]


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date, got {value!r}")


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader that reads YAML floats as Decimal and refuses repeated mapping keys."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # .inf, .nan, 1:20 sexagesimal
        raise yaml.constructor.ConstructorError(
            None, None, f"not an exact number: {text!r}", node.start_mark
        ) from exc
    if not number.is_finite():
        raise yaml.constructor.ConstructorError(
            None, None, f"not an exact number: {text!r}", node.start_mark
        )
    return number


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"repeated key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_ExactLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _fail(file: str, detail: str) -> ParameterError:
    return ParameterError("param.invalid", file=file, detail=detail)


def _check_leaf(file: str, where: str, unit: str, value: Any) -> None:
    if value is None:
        return  # an open end, e.g. the last tier's upper bound
    if unit == "code":
        ok = isinstance(value, str) and value != ""
    elif unit == "boolean":
        ok = isinstance(value, bool)
    elif isinstance(value, bool) or isinstance(value, float):
        ok = False
    elif unit == "rupiah" or unit in {"months", "days", "years", "count"}:
        ok = isinstance(value, int) and value >= 0
    elif unit in {"percent", "multiplier"}:
        ok = isinstance(value, int | Decimal) and value >= 0
        if unit == "percent" and ok and value > 100:
            ok = False
    else:
        ok = False
    if not ok:
        raise _fail(file, f"{where}: {value!r} is not a valid {unit} ({UNITS.get(unit, '?')})")


def _check_value(file: str, where: str, unit: str, units: dict[str, str], value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _check_value(file, f"{where}.{key}", units.get(str(key), unit), units, item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_value(file, f"{where}[{index}]", unit, units, item)
    else:
        _check_leaf(file, where, unit, value)


def _reference(file: str, where: str, raw: Any) -> Reference:
    if not isinstance(raw, dict):
        raise _fail(file, f"{where}: a value needs a reference (regulation, article)")
    extra = set(raw) - REFERENCE_KEYS
    if extra:
        raise _fail(file, f"{where}: unknown reference keys {sorted(extra)}")
    for key in ("regulation", "article"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(file, f"{where}: reference needs a non-empty '{key}'")
    return Reference(**{k: str(v) for k, v in raw.items()})


def _parameter(file: str, name: str, raw: Any) -> Parameter:
    if not isinstance(raw, dict):
        raise _fail(file, f"{name}: expected a mapping")
    extra = set(raw) - PARAMETER_KEYS
    if extra:
        raise _fail(file, f"{name}: unknown keys {sorted(extra)}")
    description = raw.get("description")
    if not isinstance(description, dict) or not all(
        isinstance(description.get(lang), str) and description[lang] for lang in ("id", "en")
    ):
        raise _fail(file, f"{name}: description needs both 'id' and 'en'")
    unit = raw.get("unit")
    units = raw.get("units") or {}
    for u in [unit, *units.values()]:
        if u not in UNITS:
            raise _fail(file, f"{name}: unknown unit {u!r}; known: {sorted(UNITS)}")
    values = raw.get("values")
    if not isinstance(values, dict) or not values:
        raise _fail(file, f"{name}: 'values' must map dates to values")
    history: list[ParameterValue] = []
    for key, entry in values.items():
        try:
            day = key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))
        except ValueError as exc:
            raise _fail(file, f"{name}: {key!r} is not a YYYY-MM-DD date") from exc
        where = f"{name}@{day.isoformat()}"
        if history and day <= history[-1].effective_from:
            raise _fail(file, f"{where}: dates out of order or repeated")
        if not isinstance(entry, dict) or "value" not in entry:
            raise _fail(file, f"{where}: expected {{value, reference}}")
        if set(entry) - {"value", "reference"}:
            raise _fail(
                file, f"{where}: unknown keys {sorted(set(entry) - {'value', 'reference'})}"
            )
        reference = _reference(file, where, entry.get("reference"))
        if entry["value"] is None:
            raise _fail(file, f"{where}: value is empty")
        _check_value(file, where, unit, units, entry["value"])
        history.append(ParameterValue(name, entry["value"], unit, day, reference))
    return Parameter(name, dict(description), unit, dict(units), tuple(history))


def load_parameters(directory: Path = PARAMETERS_DIR) -> dict[str, Parameter]:
    """Read and check every `*.yaml` in `directory`. Raises ParameterError on the first fault."""
    found: dict[str, Parameter] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_ExactLoader)
        except yaml.YAMLError as exc:
            raise _fail(path.name, str(exc).replace("\n", " ")) from exc
        if not isinstance(raw, dict):
            raise _fail(path.name, "expected a mapping of parameter names")
        for short, body in raw.items():
            name = f"{path.stem}.{short}"
            found[name] = _parameter(path.name, name, body)
    return found


@functools.cache
def _registry() -> dict[str, Parameter]:
    return load_parameters(PARAMETERS_DIR)


def parameter_names() -> list[str]:
    return sorted(_registry())


def param(name: str) -> Parameter:
    try:
        return _registry()[name]
    except KeyError:
        raise ParameterError("param.unknown", name=name) from None


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def parameters_catalog() -> list[dict[str, Any]]:
    """Every parameter with its full history and references, JSON-safe (Decimals as strings)."""
    return [
        {
            "name": p.name,
            "description": p.description,
            "unit": p.unit,
            "units": p.units,
            "values": [
                {
                    "from": item.effective_from.isoformat(),
                    "value": _json_safe(item.value),
                    "reference": item.reference.as_dict(),
                }
                for item in p.history
            ],
        }
        for p in sorted(_registry().values(), key=lambda p: p.name)
    ]

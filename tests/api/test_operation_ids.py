"""The API's operation ids stay as v1 published them.

A client generated from /api/v1/openapi.json calls methods named after the operation ids; moving
a router into the app that owns it must not rename them. `published_operations.json` is the list
as v1 published it: an operation may be added to it, never renamed or removed.
"""

import json
from pathlib import Path

PUBLISHED = json.loads((Path(__file__).parent / "published_operations.json").read_text())


def test_every_published_operation_keeps_its_path_method_and_id(client):
    schema = client.get("/api/v1/openapi.json").json()
    now = {
        f"{method.upper()} {path}": op["operationId"]
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    }
    changed = {k: (v, now.get(k)) for k, v in PUBLISHED.items() if now.get(k) != v}
    assert not changed, changed

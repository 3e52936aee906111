"""The OpenAPI contract, honest: what each operation may answer besides its success.

django-ninja documents an operation's success responses and marks every authenticated operation
as requiring auth. Crossnote's API also answers, for every operation, with errors of one shape
(`Error`: a `detail` message, `field` where one field is at fault, `errors` for validation) and
lets visitors call its public reads. `CrossnoteAPI` adds to the generated schema, per operation:

- optional auth where visitors may call it (an empty security requirement, OpenAPI's way);
- the error statuses it can give, derived from what the operation is: 400 (a rule of the
  service, a number out of range) always; 422 when it takes parameters or a body; 401 when it
  needs a signed-in caller; 403 when it checks who calls; 404 when its path names something;
  409 and 429 for writes and rate-limited operations; 413 and 415 for uploads; 451 where content
  may be withheld in a region or blocked by moderation; plus the few listed in EXTRA_ERRORS.

tests/security/test_api_fuzz.py runs schemathesis with its status-code and negative-data checks
against this schema, so an answer the schema does not list fails `make test`.
"""

import json

from ninja import NinjaAPI
from ninja.parser import Parser

from crossnote.core.api_auth import anonymous

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "what went wrong, in the caller's language"},
        "field": {"type": "string", "description": "the field at fault, when one is"},
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "422: each validation problem (loc, msg, type)",
        },
    },
    "required": ["detail"],
}

DESCRIPTIONS = {
    400: "Bad input the schema cannot express (a rule of the service, a number out of range)",
    401: "Not signed in (no valid token or session)",
    403: "Signed in, but not allowed (or a browser write without its CSRF token)",
    404: "No such thing, or not visible to the caller",
    409: "Conflicts with the current state (already done, not ready yet)",
    410: "Gone: a link that has expired",
    413: "The upload is too large",
    415: "The upload is not a supported kind of file",
    422: "The request does not match the schema",
    429: "Too many requests: wait for Retry-After seconds",
    451: "Withheld in the caller's region, or refused by moderation",
}

WRITES = {"post", "put", "patch", "delete"}

# Statuses an operation gives that its shape does not tell (method, path under /api/v1).
EXTRA_ERRORS: dict[tuple[str, str], set[int]] = {
    ("get", "/me/exports/{export_id}/download"): {409, 410},
    ("post", "/auth/login"): {401},  # wrong username or password
    ("get", "/federation/moves"): {404},  # federation is off on this server
    ("get", "/moderation/suite/last"): {404},  # the suite has not been run yet
    ("get", "/reports/subject"): {404},  # the content is gone or out of the caller's sight
    # Open to visitors only while the operator publishes the summary; otherwise "log in".
    ("get", "/insights/charts"): {401},
    ("get", "/insights/series/{name}"): {401},
    ("get", "/insights/summary"): {401},
}


def _is_optional(operation) -> bool:
    return any(callback is anonymous for callback in operation.auth_callbacks or [])


def _operations_by_id(api: NinjaAPI) -> dict:
    found = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation_id = operation.operation_id or api.get_openapi_operation_id(operation)
                found[operation_id] = operation
    return found


def _errors_for(method: str, path: str, spec: dict, operation) -> set[int]:
    codes = {400}
    has_auth = bool(operation is not None and operation.auth_callbacks)
    optional = operation is not None and _is_optional(operation)
    if spec.get("parameters") or spec.get("requestBody"):
        codes.add(422)
    if has_auth and not optional:
        codes.add(401)
    if has_auth or method in WRITES:
        codes.add(403)
    if "{" in path or method in WRITES:
        codes.add(404)
    rate_limited = operation is not None and getattr(operation.view_func, "rate_limit_action", None)
    if method in WRITES:
        codes |= {409, 429, 451}
    if rate_limited:
        codes.add(429)
    content = (spec.get("requestBody") or {}).get("content", {})
    if "multipart/form-data" in content:
        codes |= {413, 415}
    if method == "get" and ("/notes/{" in path or "/comments/{" in path):
        codes.add(451)  # a note withheld in the reader's region
    short = path.split("/api/v1", 1)[-1]
    codes |= EXTRA_ERRORS.get((method, short), set())
    return codes


def document_errors(api: NinjaAPI, schema: dict) -> dict:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    operations = _operations_by_id(api)
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            operation = operations.get(spec.get("operationId"))
            if operation is not None and _is_optional(operation) and spec.get("security"):
                if {} not in spec["security"]:
                    spec["security"].append({})
            responses = spec.setdefault("responses", {})
            for code in sorted(_errors_for(method, path, spec, operation)):
                if code in responses or str(code) in responses:
                    continue
                response = {
                    "description": DESCRIPTIONS[code],
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
                if code == 429:
                    response["headers"] = {
                        "Retry-After": {
                            "description": "seconds to wait before trying again",
                            "schema": {"type": "integer"},
                        }
                    }
                responses[code] = response
    return schema


class ObjectBodyParser(Parser):
    """Every JSON body of the API is one object. A schema whose fields are all optional would
    otherwise take `[null]` or `42` as "change nothing" (ninja reads attributes off whatever it
    is given); refused here, the caller gets a 400 that says what to send."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body is not a JSON object")
        return data


BODY_ERROR = "Cannot parse request body"


class CrossnoteAPI(NinjaAPI):
    """NinjaAPI whose schema documents every error an operation can give (document_errors) and
    whose JSON bodies must be objects (ObjectBodyParser)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parser", ObjectBodyParser())
        super().__init__(*args, **kwargs)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(self, schema)

"""Schemathesis hooks for the hostile-input layer (`scripts/hostile.sh`).

* Sessions: every generated request carries the session of a demo account (the planner's for
  `/plan*`, a dealer's elsewhere). Sign-ins happen from 127.0.0.2, an address of the loopback
  that the generated wrong passwords (sent from 127.0.0.1) never throttle. A `401` (a generated
  `DELETE /session` ended the session midway) makes the next request sign in again.
* Configuration codes: a schema-valid code is opaque to JSON Schema, and nearly every random one
  is refused (it does not decode). In a schema-valid request each code is replaced by a real one
  from the catalog's `default_codes`, so that "a schema-valid request is refused" means what it
  says (in a quote request, a model the partner shows: `data/partners.toml`); codes that break the
  schema stay as generated, for the negative checks. Each code of a repeated `code` parameter
  (several configurations' availability at once) is replaced the same way. The decoder's own
  fuzzing is `crates/domain/tests/hostile_decoding.rs`.
* Order-list cursors are opaque too: a schema-valid one is dropped (the first page).
* Idempotency keys: a schema-valid key is made unique, since a key used before with another body
  is rightly refused (`422`); the retries themselves are the retry drill's and the tests' work.
* A fleet that the plan has no room for before its horizon is refused with the documented `422`
  naming the quantity: that refusal (only it) is not counted as a schema-valid request refused.
* A plan's `from` after its `to`, or after the default `to` (which JSON Schema cannot forbid),
  is avoided: the months given are put in order and stand for both ends.
"""

import http.client
import json
import os
import re
import tomllib
import uuid
import zlib

import schemathesis

BASE = os.environ["HOSTILE_BASE_URL"]  # http://127.0.0.1:PORT
PASSWORD = "demo"
CODE = re.compile(r"^[A-Za-z0-9_-]{14,720}$")
KEY = re.compile(r"^[!-~]{1,128}$")
MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def _request(method, path, body=None, cookie=None):
    """One request from 127.0.0.2 (not the address the generated guesses come from)."""
    host, port = BASE.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=("127.0.0.2", 0))
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.getheader("Set-Cookie"), response.read()


def _codes():
    status, _, body = _request("GET", "/api/v1/catalog")
    if status != 200:
        raise RuntimeError(f"GET /api/v1/catalog answered {status}")
    codes = json.loads(body)["default_codes"]
    if not codes:
        raise RuntimeError("the catalog has no default codes")
    return codes


DEFAULT_CODES = _codes()
CODES = sorted(DEFAULT_CODES.values())
with open("data/partners.toml", "rb") as partners_file:
    PARTNER_MODELS = {partner["id"]: partner["models"] for partner in tomllib.load(partners_file)["partners"]}


def _real_code(generated, codes=CODES):
    """A real code (of `codes`) in place of a schema-valid generated one (the same one for the
    same input)."""
    if isinstance(generated, str) and CODE.match(generated):
        return codes[zlib.crc32(generated.encode()) % len(codes)]
    return generated


def _account(case, _context):
    return "planner" if case.operation.path.startswith("/plan") else "dealer1"


@schemathesis.auth(refresh_interval=3600, cache_by_key=_account)
class DemoSession:
    """The demo account's session cookie, signed in again after a 401."""

    def get(self, case, context):
        username = _account(case, context)
        status, cookie, body = _request("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
        if status != 200 or not cookie:
            raise RuntimeError(f"signing in as {username} answered {status}: {body[:200]!r}")
        return cookie.split(";", 1)[0].split("=", 1)[1]

    def set(self, case, session, _context):
        case.cookies = {**(case.cookies or {}), "session": session}


def _real_codes_in_body(body):
    if not isinstance(body, dict):
        return
    if isinstance(body.get("lines"), list):
        for line in body["lines"]:
            if isinstance(line, dict) and "code" in line:
                line["code"] = _real_code(line["code"])
    partner = body.get("partner")
    models = PARTNER_MODELS.get(partner) if isinstance(partner, str) else None
    if models and "code" in body:
        body["code"] = _real_code(body["code"], [DEFAULT_CODES[model] for model in models])


def _settle_query(path, query):
    if isinstance(query.get("code"), list):
        # `GET /availability/configurations`: a repeated `code`, each replaced on its own.
        query["code"] = [_real_code(code) for code in query["code"]]
    elif "code" in query:
        query["code"] = _real_code(query["code"])
    if path == "/orders" and isinstance(query.get("cursor"), str):
        del query["cursor"]
    months = [month for month in (query.get("from"), query.get("to")) if isinstance(month, str) and MONTH.match(month)]
    if path.startswith("/plan") and months:
        query["from"], query["to"] = min(months), max(months)


@schemathesis.hook
def map_case(context, case):
    """Every phase (coverage, fuzzing, stateful) passes its cases through here."""
    _real_codes_in_body(case.body)
    if isinstance(case.query, dict):
        _settle_query(case.operation.path, case.query)
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and KEY.match(key):
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    return case


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure but one: a schema-valid order or availability question refused with the
    documented `422` because the plan has no room left before its horizon (the generated fleets
    fill it; several configurations' availability answers `null` in that one's place instead). That refusal depends on the plant's state,
    not on the request's shape."""
    if failure.code != "ST202" or response.status_code != 422:
        return True
    body = response.json() if response.content else {}
    fields = body.get("error", {}).get("fields", {})
    return not (
        case.operation.path in ("/orders", "/availability")
        and fields
        and all(
            name.endswith("quantity") and all("planning horizon" in message for message in messages)
            for name, messages in fields.items()
        )
    )

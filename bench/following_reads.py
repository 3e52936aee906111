"""CPU of the following timeline (API and page) per request, in-process through the WSGI handler.

    .venv/bin/python bench/following_reads.py --data-dir DIR [--requests 400] [--readers 16]
    .venv/bin/python bench/following_reads.py --data-dir DIR --profile 30 --paths api
    .venv/bin/python bench/following_reads.py --data-dir DIR --dump FILE --readers 100

Calls `crossnote.wsgi.application` (what `crossnote serve` runs, middleware and all) in a loop,
with browser sessions of `--readers` people of a world made by bench/generate.py (picked as
bench/feeds_load.py picks them: following someone, a fixed random sample), rotating over them,
and prints each path's median and p90 CPU per request (`time.process_time`), median wall, and
the SQL queries one request makes. Django's test client is not used: it builds its handler and
runs test-only signal receivers on every request, which costs more than the view.

`--dump FILE` times nothing: it writes, for each reader, the first two pages of the following
API (JSON as served) and of the following page (HTML, CSRF tokens blanked; the second also as
htmx asks for it), one JSON line each.
Run two trees on two fresh copies of the same world and compare the files byte for byte.
The sessions it makes are written into the world's database: use a copy.
"""

import os
import sys
from pathlib import Path

# This folder holds bench/profile.py, which would shadow the standard library's (cProfile uses it).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

PATHS = {
    "api": "/api/v1/feeds/following",
    "page": "/following/",
    "explore": "/api/v1/feeds/explore",  # for comparison: signed-in explore on the card path
}
CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')  # as tests' page_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, help="a world's data folder (a copy)")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--requests", type=int, default=400, help="timed requests per path")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the timed loop")
    parser.add_argument("--paths", default="api,page", help="api, page, explore (comma-separated)")
    parser.add_argument("--profile", type=int, default=0, help="cProfile's top N functions")
    parser.add_argument("--dump", default="", help="write the readers' pages here (JSON lines)")
    args = parser.parse_args()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    os.environ["CROSSNOTE_RATE_LIMITS_ENABLED"] = "0"
    os.environ["CROSSNOTE_SCHEDULER"] = "0"
    import logging

    from crossnote.wsgi import application

    logging.getLogger("crossnote.request").setLevel(logging.WARNING)  # one line per request
    from django.conf import settings
    from django.db import connection

    sessions = make_sessions(args.readers)
    cookie = settings.SESSION_COOKIE_NAME
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    for name in paths:
        if name not in PATHS:
            sys.exit(f"unknown path {name!r}: one of {', '.join(PATHS)}")

    def get(path: str, query: str, session: str, headers: dict | None = None) -> tuple[int, bytes]:
        environ = {
            **(headers or {}),
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": f"{cookie}={session}",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        response = application(environ, lambda s, _headers, _exc=None: status.append(s))
        try:
            body = b"".join(response)
        finally:
            response.close()
        return int(status[0].split()[0]), body

    if args.dump:
        dump(get, sessions, paths, args.dump)
        return

    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    print(f"{len(sessions)} readers; CONN_MAX_AGE={settings.DATABASES['default']['CONN_MAX_AGE']}")
    print(f"{'path':<8}{'CPU p50 ms':>12}{'CPU p90 ms':>12}{'wall p50 ms':>13}{'queries':>9}")
    profiler = cProfile.Profile() if args.profile else None
    for _round in range(args.rounds):
        for name in paths:
            path = PATHS[name]
            for _reader, session in sessions:  # warm: cards, compiled questions, templates
                for _ in range(3):
                    status, _body = get(path, "", session)
                    assert status == 200, (name, status)
            with connection.execute_wrapper(count):
                queries[0] = 0
                get(path, "", sessions[0][1])
                per_request = queries[0]
            cpu, wall = [], []
            if profiler:
                profiler.enable()
            for i in range(args.requests):
                session = sessions[i % len(sessions)][1]
                started, started_cpu = time.perf_counter(), time.process_time()
                status, _body = get(path, "", session)
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
                assert status == 200, (name, status)
            if profiler:
                profiler.disable()
            cpu.sort()
            print(
                f"{name:<8}{statistics.median(cpu):>12.3f}{cpu[int(len(cpu) * 0.9)]:>12.3f}"
                f"{statistics.median(wall):>13.3f}{per_request:>9}"
            )
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
    print("command: .venv/bin/python bench/following_reads.py " + " ".join(sys.argv[1:]))


def make_sessions(readers: int) -> list[tuple[int, str]]:
    """(person id, session key) for `readers` people who follow someone, as feeds_load picks."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from crossnote.accounts.models import User

    rng = random.Random(1)
    ids = list(User.objects.filter(following_count__gt=0).values_list("pk", flat=True)[:20_000])
    people = User.objects.filter(pk__in=rng.sample(ids, min(readers, len(ids)))).order_by("pk")
    sessions = []
    for person in people:
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.create()
        sessions.append((person.pk, store.session_key))
    return sessions


def dump(get, sessions, paths: list[str], out_path: str) -> None:
    """Each reader's first two pages of each path, one JSON line each (bodies as served)."""
    with open(out_path, "w") as out:
        for reader, session in sessions:
            for name in paths:
                query = ""
                for page in (1, 2):
                    status, body = get(PATHS[name], query, session)
                    if name == "page":
                        body = CSRF.sub(rb"\1-", body)
                    line = {"reader": reader, "path": name, "page": page, "status": status}
                    line["body"] = body.decode()
                    out.write(json.dumps(line, sort_keys=True) + "\n")
                    cursor = next_cursor(name, body)
                    if not cursor:
                        break
                    query = f"cursor={cursor}"
                    if name == "page":  # the next cards as htmx asks for them (infinite scroll)
                        status, body = get(PATHS[name], query, session, {"HTTP_HX_REQUEST": "true"})
                        line = {"reader": reader, "path": "page htmx", "page": page + 1}
                        line.update(status=status, body=CSRF.sub(rb"\1-", body).decode())
                        out.write(json.dumps(line, sort_keys=True) + "\n")


def next_cursor(name: str, body: bytes) -> str | None:
    if name == "api":
        return json.loads(body).get("next_cursor")
    found = re.search(rb"[?&]cursor=([A-Za-z0-9_\-=%]+)", body)
    return found.group(1).decode() if found else None


if __name__ == "__main__":
    main()

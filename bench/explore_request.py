"""CPU of one signed-in explore API request (or like), in-process, through the WSGI handler the server runs
(crossnote.wsgi: the middleware is loaded once, as in a web worker, not per request as Django's
test client does), with the readers' heads warm as under bench/feeds_load.py's wrk load.

    .venv/bin/python bench/explore_request.py --data-dir /tmp/world-100k [--readers 16]
        [--requests 2000] [--repeat 5] [--profile out.prof] [--path /api/v1/feeds/explore?limit=20]
    .venv/bin/python bench/explore_request.py --data-dir COPY_OF_A_WORLD --like

With DATABASE_URL (and REDIS_URL) set, the world in that database is read (--data-dir then holds
its photos and secret key, as bench/generate.py made it). Readers are world people who follow
someone (a session each, made here); each round asks every reader in turn (first a warm-up round
so every reader has a ranked head), and prints the median thread CPU and wall time per request
of each repetition, and the SQL queries one request makes. Reads only; the sessions it makes are
left in the world's session table. `--like` instead likes a random public note of the newest
20,000 per request (POST /api/v1/notes/{id}/like with the CSRF cookie and header, as a browser
sends it): it writes likes and notifications into the world, so use a copy. A `--path` holding
`{note}` asks for a random note of the newest `--notes` ready public ones per request, as
feeds_load's note_page row does: `--path /notes/{note}/ --visitor` is that row's page, in process.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="per repetition")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--path", default="/api/v1/feeds/explore?limit=20")
    parser.add_argument("--visitor", action="store_true", help="no session cookie")
    parser.add_argument(
        "--notes", type=int, default=5000, help="how many of the newest notes {note} draws from"
    )
    parser.add_argument("--like", action="store_true", help="like random notes (writes: a copy)")
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after warm-up")
    parser.add_argument("--gc-threshold", default="", help="gc.set_threshold, e.g. 50000,20,10")
    parser.add_argument("--sql", action="store_true", help="print each query whole")
    parser.add_argument("--profile", default="", help="write a cProfile of one more repetition")
    parser.add_argument(
        "--profile-cpu",
        action="store_true",
        help="the profile counts the thread's CPU time (time.thread_time), not wall time: "
        "waiting for a database or Redis server then costs nothing",
    )
    args = parser.parse_args()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    os.environ.setdefault("CROSSNOTE_SCHEDULER", "0")
    os.environ.setdefault("CROSSNOTE_RATE_LIMITS_ENABLED", "0")
    import logging

    from crossnote.wsgi import application

    logging.getLogger("crossnote.request").setLevel(logging.WARNING)
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.test.utils import CaptureQueriesContext

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    rng = random.Random(1)
    ids = list(User.objects.filter(following_count__gt=0).values_list("pk", flat=True)[:20_000])
    cookies = []
    tokens: dict[str, str] = {}  # cookie → the CSRF token a page would send with it
    for person in User.objects.filter(pk__in=rng.sample(ids, min(args.readers, len(ids)))):
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.create()
        secret = _get_new_csrf_string()
        cookies.append(f"sessionid={store.session_key}; csrftoken={secret}")
        tokens[cookies[-1]] = _mask_cipher_secret(secret)
    if args.visitor:
        cookies = [""]
    path, _, query = args.path.partition("?")
    notes = []
    if args.like or "{note}" in path:
        notes = list(
            Note.objects.filter(visibility="public", moderation="visible", media_ready=True)
            .order_by("-pk")
            .values_list("pk", flat=True)[: 20_000 if args.like else args.notes]
        )

    def call(cookie: str) -> int:
        if args.like:
            path_info = f"/api/v1/notes/{rng.choice(notes)}/like"
        else:
            path_info = path.replace("{note}", str(rng.choice(notes))) if notes else path
        environ = {
            "REQUEST_METHOD": "POST" if args.like else "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_ACCEPT": "*/*",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        if args.like:
            environ["HTTP_X_CSRFTOKEN"] = tokens[cookie]
        status = []
        body = application(environ, lambda s, h, exc=None: status.append(s))
        for _chunk in body:
            pass
        if hasattr(body, "close"):
            body.close()
        return int(status[0].split()[0])

    for _round in range(3):  # warm-up: heads ranked (in the background: wait for them)
        for cookie in cookies:
            if call(cookie) != 200:
                sys.exit(f"{args.path} did not answer 200")
        time.sleep(2)
    with CaptureQueriesContext(connection) as queries:
        call(cookies[0])
    print(f"{len(queries)} queries per request:")
    for query_ in queries.captured_queries:
        text = query_["sql"] or "(bound server-side: text not kept)"
        print(f"  {query_['time']}s {text[: 10_000 if args.sql else 160]}")

    def database_cpu() -> float:
        """CPU seconds so far of the PostgreSQL backends on this world's database (0 on SQLite;
        the harness's pool and background threads may use several connections)."""
        if connection.vendor != "postgresql":
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
            pids = [row[0] for row in cursor.fetchall()]
        total = 0.0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    means: list[float] = []

    def rounds() -> tuple[float, float, float]:
        cpu, wall = [], []
        database = database_cpu()
        for turn in range(args.requests):
            cookie = cookies[turn % len(cookies)]
            c0, w0 = time.thread_time(), time.perf_counter()
            call(cookie)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - w0)
        database = (database_cpu() - database) / args.requests * 1e6
        means.append(statistics.mean(cpu) * 1e6)
        return statistics.median(cpu) * 1e6, statistics.median(wall) * 1e6, database

    import gc

    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    started: list[float] = []

    def timed(phase, info):  # the garbage collector's pauses, by generation
        if phase == "start":
            started[:] = [time.thread_time()]
        elif started:
            pauses[info["generation"]].append(time.thread_time() - started[0])

    gc.callbacks.append(timed)
    if args.gc_threshold:
        gc.set_threshold(*(int(x) for x in args.gc_threshold.split(",")))
    if args.gc_freeze:
        gc.collect()
        gc.freeze()
    load = os.getloadavg()[0]
    for repetition in range(args.repeat):
        cpu, wall, database = rounds()
        print(
            f"  repetition {repetition + 1}: {cpu:.0f} us CPU, {wall:.0f} us wall (median),"
            f" database backend {database:.0f} us CPU (mean), mean CPU {means[-1]:.0f} us"
        )
    gc.callbacks.remove(timed)
    for generation, spans in pauses.items():
        if spans:
            print(
                f"  gc generation {generation}: {len(spans)} collections, "
                f"{1e3 * sum(spans):.1f} ms in all, longest {1e3 * max(spans):.1f} ms"
            )
    print(f"  objects tracked by the collector: {len(gc.get_objects()):,}")
    if connection.vendor == "postgresql":  # custom plans: planned again at every execution
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
            )
            for statement, generic, custom in cursor.fetchall():
                text = " ".join(statement.split())[:90]
                print(f"  prepared: {generic} generic, {custom} custom plans: {text}")
    print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    if args.profile:
        sys.path.remove(
            str(Path(__file__).resolve().parent)
        )  # bench/profile.py is not the stdlib's
        import cProfile

        profiler = cProfile.Profile(time.thread_time) if args.profile_cpu else cProfile.Profile()
        profiler.enable()
        rounds()
        profiler.disable()
        profiler.dump_stats(args.profile)
        print(f"profile: {args.profile}")


if __name__ == "__main__":
    main()

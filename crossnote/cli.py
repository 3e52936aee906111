"""The `crossnote` command for operators: serve, migrate, createsuperuser, demo, and more.

Every sub-command has --help. Commands not listed here pass through to Django's management
commands (`crossnote manage check --deploy`).
"""

import argparse
import os
import shutil
import sys


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from crossnote.core.tasks import for_command_line

    for_command_line()


def _call(name: str, *args, **options) -> None:
    _setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        sys.exit(f"crossnote {name}: {exc}")


# `crossnote serve --interface`: what granian runs (bench/README.md "Serving" has the figures).
SERVE_INTERFACES = {
    # Pages and API through Django's WSGI handler in a thread pool, /ws/ through Channels.
    "rsgi": "crossnote.rsgi:application",
    # Everything through Django's ASGI handler (the layout before issue 19; 4-7x slower HTTP).
    "asgi": "crossnote.asgi:application",
    # Granian's own WSGI workers: the fastest HTTP, no WebSockets (pages poll).
    "wsgi": "crossnote.wsgi:application",
}


def cmd_serve(args) -> None:
    """Run the web server (granian) with N worker processes: pages, API and WebSockets on one port."""
    _setup()
    from django.conf import settings
    from django.core import checks

    # A configuration the product does not support refuses to start (crossnote.privacy.checks).
    refused = [m for m in checks.run_checks(tags=["data_regions"]) if m.is_serious()]
    if refused:
        sys.exit("\n".join(f"crossnote serve: {m.msg}\n  {m.hint}" for m in refused))

    if args.migrate:
        _call("migrate", interactive=False, verbosity=0)
    granian = shutil.which("granian") or os.path.join(os.path.dirname(sys.executable), "granian")
    # Each worker loads the translation engines in the background at start (language.warm_up).
    os.environ.setdefault("CROSSNOTE_TRANSLATION_WARM_UP", "true")
    os.environ["CROSSNOTE_SERVE_THREADS"] = str(args.threads)  # crossnote.rsgi's pool
    # Channels' consumers (and, under --interface asgi, Django itself) run synchronous code in
    # asgiref's shared pool, sized by ASGI_THREADS.
    os.environ.setdefault("ASGI_THREADS", str(args.threads))
    websockets = args.interface != "wsgi" and not args.no_websockets
    argv = [granian, "--interface", args.interface, SERVE_INTERFACES[args.interface]]
    # Granian's ASGI and RSGI interfaces run one event loop per worker (their blocking threads
    # must be 1); under WSGI its blocking threads are the ones that run Django.
    if args.interface == "wsgi":
        argv += ["--blocking-threads", str(args.threads)]
    argv += [
        # WebSockets carry messages in real time; without them pages poll instead.
        "--ws" if websockets else "--no-ws",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        # Import the app from the folder above the package, whatever the caller's cwd is.
        "--working-dir",
        str(settings.BASE_DIR),
    ]
    print(
        f"Crossnote serving http://{args.host}:{args.port}/ ({args.interface}, "
        f"{args.workers} workers x {args.threads} threads, "
        f"WebSockets {'on' if websockets else 'off'}; data: {settings.DATA_DIR})"
    )
    os.execv(granian, argv)  # noqa: S606 - replaces this process with the server


def cmd_migrate(args) -> None:
    """Create or update the database tables."""
    _call("migrate", interactive=False, verbosity=args.verbosity)
    # The cache table too, in case the cache was Redis when the migrations first ran.
    _call("createcachetable", verbosity=0)


def cmd_createsuperuser(args) -> None:
    """Create an administrator account (asks for a password unless --noinput)."""
    options = {"interactive": not args.noinput}
    if args.username:
        options["username"] = args.username
    if args.email:
        options["email"] = args.email
    _call("createsuperuser", **options)


def cmd_demo(args) -> None:
    """Load the demo community (made here: no downloads)."""
    _call(
        "demo",
        users=args.users,
        notes=args.notes,
        seed=args.seed,
        if_empty=args.if_empty,
        scale=args.scale,
        influx=args.influx,
    )


def cmd_translation(args) -> None:
    """Translation engines: install an Argos model, list engines, translate a text, score them."""
    rest = [args.action]
    if args.action == "install":
        rest += [code for code in (args.source, args.target) if code]
        rest += ["--file", args.file] if args.file else []
        rest += ["--if-missing"] if args.if_missing else []
    elif args.action == "translate":
        rest += [args.text, "--to", args.to] + (["--from", args.source] if args.source else [])
    elif args.action == "eval":
        rest += [args.file, "--from", args.source or "zh", "--to", args.to or "en"]
        rest += ["--examples", str(args.examples)]
        rest += ["--engines", args.engines] if args.engines else []
        rest += ["--limit", str(args.limit)] if args.limit is not None else []
    _call("translation", *rest)


def cmd_language(args) -> None:
    """Language detection: backfill rows written before detection, or detect one text."""
    if args.action == "backfill":
        _call("language_backfill", all=args.all)
        return
    _setup()
    from crossnote.language.detection import detect_language

    result = detect_language(args.text)
    parts = ", ".join(f"{p['lang']} {p['share']:.0%}" for p in result.parts)
    print(f"{result.code} (confidence {result.confidence:.2f}){' — ' + parts if parts else ''}")


def cmd_search(args) -> None:
    """Search index: rebuild it (progress bar), or run a query as a visitor."""
    if args.action == "reindex":
        rest = ["reindex", "--chunk", str(args.chunk)]
        for kind in args.only or []:
            rest += ["--only", kind]
        _call("search", *rest)
    else:
        _call("search", "query", args.text, "--type", args.type)


def cmd_moderation(args) -> None:
    """Trust & safety: eval, train, policies, hash lists, withholding, check a text."""
    _call("moderation", *args.rest) if args.rest else _call("moderation", "--help")


def cmd_privacy(args) -> None:
    """Data rights: export a person's data, erase an account (--now), set a data region, sweep."""
    _call("privacy", *args.rest) if args.rest else _call("privacy", "--help")


def cmd_media(args) -> None:
    """Media of notes: make video renditions and posters again (reprocess --note N | --all)."""
    _call("media", *args.rest) if args.rest else _call("media", "--help")


def cmd_portability(args) -> None:
    """Moving in and out: import an Instagram/Mastodon archive or a follows/blocks CSV, export CSV."""
    _call("portability", *args.rest) if args.rest else _call("portability", "--help")


def cmd_media(args) -> None:
    """Media of notes: make video renditions and posters again (reprocess --note N | --all)."""
    _call("media", *args.rest) if args.rest else _call("media", "--help")


def cmd_topics(args) -> None:
    """Topics: link a topic's Chinese and English names (#猫 and #cats), unlink, suggestions."""
    _call("topics", *args.rest) if args.rest else _call("topics", "--help")


def cmd_vision(args) -> None:
    """Text in photos (OCR): print what was read in a note's photos, reprocess old notes."""
    _call("vision", *args.rest) if args.rest else _call("vision", "--help")


def cmd_doctor(args) -> None:
    """Check this configuration and say what is wrong and how to fix it (exit 1 on errors)."""
    from django.core.exceptions import ImproperlyConfigured

    from crossnote.ops import production

    production.REFUSE = False  # report the production-mode problems instead of stopping
    try:
        _setup()
    except ImproperlyConfigured as exc:
        sys.exit(f"crossnote doctor: the settings cannot load: {exc}")
    _call("doctor", json=args.json, strict=args.strict)


def cmd_migrate_data(args) -> None:
    """Copy every row of one database into a new one (SQLite to PostgreSQL), then verify."""
    _call(
        "migrate_data",
        source=args.source,
        target=args.target,
        verify_only=args.verify_only,
        chunk=args.chunk,
    )


def cmd_security(args) -> None:
    """Security: sign-up surge mode, invite codes, the approval queue, rate limits."""
    _call("security", *args.rest) if args.rest else _call("security", "--help")


def _celery(name: str, argv: list[str]) -> None:
    """Replace this process with `celery -A crossnote.celery:app NAME ...`, refusing without a
    broker (the embedded default runs tasks and periodic jobs in-process: nothing to start)."""
    _setup()
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        sys.exit(
            f"crossnote {name}: no broker is configured. Set CELERY_BROKER_URL (or REDIS_URL), "
            "e.g. redis://127.0.0.1:6379/0 or amqp://guest:guest@127.0.0.1:5672//. Without one, "
            "Crossnote runs background tasks and periodic jobs inside the web processes."
        )
    cmd = [sys.executable, "-m", "celery", "-A", "crossnote.celery:app", name, *argv]
    os.chdir(settings.BASE_DIR)  # so `crossnote` imports from this checkout whatever the cwd
    os.execv(sys.executable, cmd)  # noqa: S606 - replaces this process with the worker


def cmd_worker(args) -> None:
    """Run a Celery worker: consumes background tasks from the broker (CELERY_BROKER_URL)."""
    argv = ["--concurrency", str(args.concurrency), "--loglevel", args.loglevel]
    argv += ["--hostname", args.hostname] if args.hostname else []
    argv += ["--queues", args.queues] if args.queues else []
    _celery("worker", argv)


def cmd_beat(args) -> None:
    """Run Celery beat: sends the periodic jobs (CELERY_BEAT_SCHEDULE) to the broker. One only."""
    from pathlib import Path

    _setup()
    from django.conf import settings

    schedule = Path(args.schedule or settings.DATA_DIR / "celerybeat-schedule")
    _celery("beat", ["--schedule", str(schedule), "--loglevel", args.loglevel])


def cmd_tasks(args) -> None:
    """Background work: failed tasks (dead letters), run them again, periodic jobs."""
    _call("tasks", *args.rest) if args.rest else _call("tasks", "--help")


def cmd_insights(args) -> None:
    """Insights: recompute rollups (--from --to), print a report and write its charts, waves."""
    _call("insights", *args.rest) if args.rest else _call("insights", "--help")


def cmd_federation(args) -> None:
    """Federation (ActivityPub): domain blocks and blocklist import, address lookup, status."""
    _call("federation", *args.rest) if args.rest else _call("federation", "--help")


def cmd_manage(args) -> None:
    """Run any Django management command."""
    rest = list(args.rest)
    if not rest or rest[0] in ("-h", "--help"):
        print("usage: crossnote manage COMMAND [ARGS ...]\n")
        print("Run any Django management command, e.g. `crossnote manage check --deploy`.")
        print("`crossnote manage COMMAND --help` explains one command.\n")
        rest = ["help"]
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["crossnote manage", *rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crossnote",
        description="Crossnote: a cross-cultural notes platform. Operator commands.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    serve = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    serve.add_argument(
        "--threads",
        type=int,
        default=8,
        help="threads per worker that run Django (8); also ASGI_THREADS for WebSocket handlers",
    )
    serve.add_argument(
        "--interface",
        choices=sorted(SERVE_INTERFACES),
        default="rsgi",
        help="rsgi (default): pages and API through Django's WSGI handler in threads, /ws/ "
        "through Channels, one port; asgi: everything through Django's ASGI handler (slower); "
        "wsgi: granian's WSGI workers, no WebSockets (pages poll)",
    )
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
    serve.add_argument(
        "--no-websockets",
        action="store_true",
        help="refuse WebSocket upgrades (pages fall back to polling)",
    )
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help=cmd_migrate.__doc__, description=cmd_migrate.__doc__)
    migrate.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2, 3])
    migrate.set_defaults(func=cmd_migrate)

    su = sub.add_parser(
        "createsuperuser",
        help=cmd_createsuperuser.__doc__,
        description=cmd_createsuperuser.__doc__,
    )
    su.add_argument("--username")
    su.add_argument("--email")
    su.add_argument(
        "--noinput",
        action="store_true",
        help="take the password from DJANGO_SUPERUSER_PASSWORD instead of asking",
    )
    su.set_defaults(func=cmd_createsuperuser)

    demo = sub.add_parser("demo", help=cmd_demo.__doc__, description=cmd_demo.__doc__)
    demo.add_argument("--users", type=int, default=60, help="how many people (60)")
    demo.add_argument("--notes", type=int, default=320, help="how many notes (320)")
    demo.add_argument("--seed", type=int, default=2025, help="random seed (2025)")
    demo.add_argument(
        "--if-empty", action="store_true", help="do nothing when the database already has notes"
    )
    demo.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="N",
        help="instead: a synthetic world of N people and 20×N notes, written in bulk "
        "(crossnote.demo.world; bench/generate.py)",
    )
    demo.add_argument(
        "--influx",
        action="store_true",
        help="then replay a wave of newcomers over 12 simulated weeks (crossnote.insights)",
    )
    demo.set_defaults(func=cmd_demo)

    translation = sub.add_parser(
        "translation", help=cmd_translation.__doc__, description=cmd_translation.__doc__
    )
    tsub = translation.add_subparsers(dest="action", metavar="ACTION")
    tsub.required = True
    install = tsub.add_parser(
        "install",
        help="download and install Argos Translate models (no languages: every enabled pair)",
    )
    install.add_argument("source", nargs="?", help="from, e.g. zh")
    install.add_argument("target", nargs="?", help="into, e.g. en")
    install.add_argument("--file", help="a local .argosmodel file (offline install)")
    install.add_argument(
        "--if-missing",
        action="store_true",
        help="only what is not installed; never fails (for `make run`; off when "
        "CROSSNOTE_TRANSLATION_AUTO_INSTALL=0)",
    )
    tsub.add_parser("list", help="engines in the order they are tried, with ready pairs")
    translate = tsub.add_parser("translate", help="translate a text through the engine chain")
    translate.add_argument("text")
    translate.add_argument("--to", required=True, help="target language, e.g. zh")
    translate.add_argument("--from", dest="source", help="source language (default: detect)")
    evaluate = tsub.add_parser(
        "eval", help="score engines on a parallel file (TSV or JSONL) with chrF and BLEU"
    )
    evaluate.add_argument("file", help="parallel file, e.g. bench/data/social_zh_en.tsv")
    evaluate.add_argument("--from", dest="source", help="source language (default: zh)")
    evaluate.add_argument("--to", help="target language (default: en)")
    evaluate.add_argument("--engines", help="comma-separated engines (default: the chain)")
    evaluate.add_argument("--examples", type=int, default=3, help="examples to print")
    evaluate.add_argument("--limit", type=int, help="score only the first N pairs")
    translation.set_defaults(func=cmd_translation, file=None, source=None, if_missing=False)

    language = sub.add_parser(
        "language", help=cmd_language.__doc__, description=cmd_language.__doc__
    )
    lsub = language.add_subparsers(dest="action", metavar="ACTION")
    lsub.required = True
    backfill = lsub.add_parser("backfill", help="detect the language of existing rows")
    backfill.add_argument("--all", action="store_true", help="redo rows that have one")
    detect = lsub.add_parser("detect", help="detect the language of one text")
    detect.add_argument("text")
    language.set_defaults(func=cmd_language)

    search = sub.add_parser("search", help=cmd_search.__doc__, description=cmd_search.__doc__)
    ssub = search.add_subparsers(dest="action", metavar="ACTION")
    ssub.required = True
    reindex = ssub.add_parser("reindex", help="re-make the index of notes, people and topics")
    reindex.add_argument(
        "--only",
        action="append",
        choices=["notes", "users", "topics", "embeddings", "vectors"],
        help=(
            "only this kind (repeatable; default: all, embeddings when available; vectors "
            "fills the pgvector table from stored embeddings)"
        ),
    )
    reindex.add_argument("--chunk", type=int, default=500, help="rows per batch (500)")
    squery = ssub.add_parser("query", help="search as a visitor and print the ranked results")
    squery.add_argument("text")
    squery.add_argument("--type", default="notes", choices=["notes", "users", "topics"])
    search.set_defaults(func=cmd_search)

    moderation = sub.add_parser(
        "moderation",
        help=cmd_moderation.__doc__,
        add_help=False,
        description=cmd_moderation.__doc__,
    )
    moderation.add_argument("rest", nargs=argparse.REMAINDER)
    moderation.set_defaults(func=cmd_moderation)

    privacy = sub.add_parser(
        "privacy", help=cmd_privacy.__doc__, add_help=False, description=cmd_privacy.__doc__
    )
    privacy.add_argument("rest", nargs=argparse.REMAINDER)
    privacy.set_defaults(func=cmd_privacy)

    portability = sub.add_parser(
        "portability",
        help=cmd_portability.__doc__,
        add_help=False,
        description=cmd_portability.__doc__,
    )
    portability.add_argument("rest", nargs=argparse.REMAINDER)
    portability.set_defaults(func=cmd_portability)

    media = sub.add_parser(
        "media", help=cmd_media.__doc__, add_help=False, description=cmd_media.__doc__
    )
    media.add_argument("rest", nargs=argparse.REMAINDER)
    media.set_defaults(func=cmd_media)

    topics = sub.add_parser(
        "topics", help=cmd_topics.__doc__, add_help=False, description=cmd_topics.__doc__
    )
    topics.add_argument("rest", nargs=argparse.REMAINDER)
    topics.set_defaults(func=cmd_topics)

    vision = sub.add_parser(
        "vision", help=cmd_vision.__doc__, add_help=False, description=cmd_vision.__doc__
    )
    vision.add_argument("rest", nargs=argparse.REMAINDER)
    vision.set_defaults(func=cmd_vision)

    doctor = sub.add_parser("doctor", help=cmd_doctor.__doc__, description=cmd_doctor.__doc__)
    doctor.add_argument("--json", action="store_true", help="print the findings as JSON")
    doctor.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    doctor.set_defaults(func=cmd_doctor)

    migrate_data = sub.add_parser(
        "migrate-data", help=cmd_migrate_data.__doc__, description=cmd_migrate_data.__doc__
    )
    migrate_data.add_argument(
        "--from", dest="source", required=True, help="source database URL (sqlite:///path)"
    )
    migrate_data.add_argument(
        "--to", dest="target", required=True, help="target database URL (postgres://...)"
    )
    migrate_data.add_argument(
        "--verify-only", action="store_true", help="only compare counts and checksums"
    )
    migrate_data.add_argument("--chunk", type=int, default=1000, help="rows per batch (1000)")
    migrate_data.set_defaults(func=cmd_migrate_data)

    security = sub.add_parser(
        "security", help=cmd_security.__doc__, add_help=False, description=cmd_security.__doc__
    )
    security.add_argument("rest", nargs=argparse.REMAINDER)
    security.set_defaults(func=cmd_security)

    worker = sub.add_parser("worker", help=cmd_worker.__doc__, description=cmd_worker.__doc__)
    worker.add_argument(
        "--concurrency", type=int, default=2, help="tasks run at once, one process each (2)"
    )
    worker.add_argument("--hostname", help="worker name, e.g. w1@%%h (default: celery@HOST)")
    worker.add_argument("--queues", help="comma-separated queues to consume (default: celery)")
    worker.add_argument("--loglevel", default="info", choices=["debug", "info", "warning", "error"])
    worker.set_defaults(func=cmd_worker)

    beat = sub.add_parser("beat", help=cmd_beat.__doc__, description=cmd_beat.__doc__)
    beat.add_argument("--schedule", help="state file (default: DATA_DIR/celerybeat-schedule)")
    beat.add_argument("--loglevel", default="info", choices=["debug", "info", "warning", "error"])
    beat.set_defaults(func=cmd_beat)

    tasks = sub.add_parser(
        "tasks", help=cmd_tasks.__doc__, add_help=False, description=cmd_tasks.__doc__
    )
    tasks.add_argument("rest", nargs=argparse.REMAINDER)
    tasks.set_defaults(func=cmd_tasks)

    insights = sub.add_parser(
        "insights", help=cmd_insights.__doc__, add_help=False, description=cmd_insights.__doc__
    )
    insights.add_argument("rest", nargs=argparse.REMAINDER)
    insights.set_defaults(func=cmd_insights)

    federation = sub.add_parser(
        "federation", help=cmd_federation.__doc__, add_help=False, description=cmd_federation.__doc__
    )
    federation.add_argument("rest", nargs=argparse.REMAINDER)
    federation.set_defaults(func=cmd_federation)

    manage = sub.add_parser(
        "manage", help=cmd_manage.__doc__, description=cmd_manage.__doc__, add_help=False
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "manage":
        # Everything after `manage`, --help included, belongs to Django's own parser.
        cmd_manage(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "moderation":
        cmd_moderation(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "privacy":
        cmd_privacy(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "portability":
        cmd_portability(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "topics":
        cmd_topics(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "media":
        cmd_media(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "insights":
        cmd_insights(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "tasks":
        cmd_tasks(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "security":
        cmd_security(argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] == "federation":
        cmd_federation(argparse.Namespace(rest=argv[1:]))
        return
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

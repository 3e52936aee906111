"""The `crossnote` command for operators: serve, migrate, createsuperuser, demo, and more.

Every sub-command has --help. Most pass straight through to the Django management command of
the same name (PASS_THROUGH): that command owns its arguments and its --help, and this module
only lists it; serve, migrate, createsuperuser, worker and beat are this module's own. Any other
management command runs through `crossnote manage` (`crossnote manage check --deploy`).
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

    if "-h" in args or "--help" in args:
        # The command's own parser prints its help, as `crossnote NAME ...` (exits 0).
        command_parser(name).parse_args(list(args))
    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        sys.exit(f"crossnote {name}: {exc}")


# `crossnote NAME ARGS...` runs the management command PASS_THROUGH[NAME] with ARGS as they are.
PASS_THROUGH = {
    "demo": "demo",
    "translation": "translation",
    "language": "language",
    "search": "search",
    "doctor": "doctor",
    "migrate-data": "migrate_data",
}
# Django's options for every command (settings, verbosity, traceback...): left out of our help.
DJANGO_OPTIONS = {
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of management command `name`, as `crossnote CLI-NAME` shows it (its own
    arguments and sub-commands; Django's common options hidden): what --help prints and
    docs/reference/cli.md holds. Needs Django set up."""
    from django.core.management import get_commands, load_command_class

    cli_name = next((k for k, v in PASS_THROUGH.items() if v == name), name)
    parser = load_command_class(get_commands()[name], name).create_parser("crossnote", cli_name)
    for action in parser._actions:
        if action.dest in DJANGO_OPTIONS:
            action.help = argparse.SUPPRESS
    return parser


# `crossnote serve --interface`: what granian runs (bench/README.md "Serving" has the figures).
SERVE_INTERFACES = {
    # Pages and API through Django's WSGI handler in a thread pool, /ws/ through Channels.
    "rsgi": "crossnote.rsgi:application",
    # Everything through Django's ASGI handler (the layout before issue 19; 4-7x slower HTTP).
    "asgi": "crossnote.asgi:application",
    # Granian's own WSGI workers: the fastest HTTP, no WebSockets (pages poll).
    "wsgi": "crossnote.wsgi:application",
}


def _port_taken(host: str, port: int) -> str:
    """Why `host:port` cannot be served, or "". granian's workers share their port
    (SO_REUSEPORT), so a second server started on a port in use would not fail: it would
    silently take part of the first one's requests, with its own code and settings."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"crossnote serve: cannot listen on {host}:{port}: {exc}"
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"crossnote serve: {host}:{port} is already in use (another crossnote serve?"
                    " Stop it, or pick another port with --port)."
                )
            return f"crossnote serve: cannot listen on {host}:{port}: {exc.strerror or exc}"
    return ""


def _count(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, else argparse's one-line usage error
    (a port past 65535 used to reach socket.getaddrinfo and end in an OverflowError traceback)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def cmd_serve(args) -> None:
    """Run the web server (granian) with N worker processes: pages, API and WebSockets on one port."""
    _setup()
    from django.conf import settings
    from django.core import checks

    # A configuration the product does not support refuses to start (crossnote.privacy.checks).
    refused = [m for m in checks.run_checks(tags=["data_regions"]) if m.is_serious()]
    if refused:
        sys.exit("\n".join(f"crossnote serve: {m.msg}\n  {m.hint}" for m in refused))

    taken = _port_taken(args.host, args.port)
    if taken:
        sys.exit(taken)
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
    background = _start_background_process(args)
    print(
        f"Crossnote serving http://{args.host}:{args.port}/ ({args.interface}, "
        f"{args.workers} workers x {args.threads} threads, "
        f"WebSockets {'on' if websockets else 'off'}, background {background}; "
        f"data: {settings.DATA_DIR})"
    )
    os.execv(granian, argv)  # noqa: S606 - replaces this process with the server


def _start_background_process(args) -> str:
    """Without a broker, start the background process (crossnote.core.spool) beside the web
    workers: a note's photo variants and indexing run there at a lower CPU priority, not in
    the workers' threads. It ends when the server does (it watches this pid, which granian's
    process keeps after the exec, and shares its process group). What it is, as the banner says."""
    import subprocess

    from django.conf import settings

    if settings.CELERY_BROKER_URL:  # crossnote.core.tasks.uses_broker, without importing Celery
        return "on the broker's workers"
    if args.no_background_process:
        return "in the web workers' threads"
    subprocess.Popen(  # noqa: S603 - our own module, this interpreter
        [sys.executable, "-m", "crossnote.core.spool", "--parent", str(os.getpid())],
        cwd=settings.BASE_DIR,
        stdin=subprocess.DEVNULL,
        # Its tasks load the models they use when they first need them (no translation here).
        env={**os.environ, "CROSSNOTE_TRANSLATION_WARM_UP": "false"},
    )
    return "process"


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
    _call("demo", *args.rest)


def cmd_translation(args) -> None:
    """Translation engines: install an Argos model, list engines, translate a text, score them."""
    _call("translation", *args.rest) if args.rest else _call("translation", "--help")


def cmd_language(args) -> None:
    """Language detection: backfill rows written before detection, or detect one text."""
    _call("language", *args.rest) if args.rest else _call("language", "--help")


def cmd_search(args) -> None:
    """Search index: rebuild it (progress bar), or run a query as a visitor."""
    _call("search", *args.rest) if args.rest else _call("search", "--help")


def cmd_moderation(args) -> None:
    """Trust & safety: eval, train, policies, hash lists, withholding, check a text."""
    _call("moderation", *args.rest) if args.rest else _call("moderation", "--help")


def cmd_privacy(args) -> None:
    """Data rights: export a person's data, erase an account (--now), set a data region, sweep."""
    _call("privacy", *args.rest) if args.rest else _call("privacy", "--help")


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
    _call("doctor", *args.rest)


def cmd_migrate_data(args) -> None:
    """Copy every row of one database into a new one (SQLite to PostgreSQL), then verify."""
    _call("migrate_data", *args.rest)


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
    serve.add_argument(
        "--port", type=_count(1, 65535), default=8000, help="port to listen on (8000)"
    )
    serve.add_argument("--workers", type=_count(1, 256), default=2, help="worker processes (2)")
    serve.add_argument(
        "--threads",
        type=_count(1, 1024),
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
        "--no-background-process",
        action="store_true",
        help="without a broker, run background tasks in the web workers' threads instead of "
        "one low-priority background process (a note's photo variants, indexing)",
    )
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

    for name, func in (
        ("demo", cmd_demo),
        ("translation", cmd_translation),
        ("language", cmd_language),
        ("search", cmd_search),
    ):
        passing = sub.add_parser(name, help=func.__doc__, add_help=False, description=func.__doc__)
        passing.add_argument("rest", nargs=argparse.REMAINDER)
        passing.set_defaults(func=func)

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

    for name, func in (("doctor", cmd_doctor), ("migrate-data", cmd_migrate_data)):
        passing = sub.add_parser(name, help=func.__doc__, add_help=False, description=func.__doc__)
        passing.add_argument("rest", nargs=argparse.REMAINDER)
        passing.set_defaults(func=func)

    security = sub.add_parser(
        "security", help=cmd_security.__doc__, add_help=False, description=cmd_security.__doc__
    )
    security.add_argument("rest", nargs=argparse.REMAINDER)
    security.set_defaults(func=cmd_security)

    worker = sub.add_parser("worker", help=cmd_worker.__doc__, description=cmd_worker.__doc__)
    worker.add_argument(
        "--concurrency",
        type=_count(1, 1024),
        default=2,
        help="tasks run at once, one process each (2)",
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
        "federation",
        help=cmd_federation.__doc__,
        add_help=False,
        description=cmd_federation.__doc__,
    )
    federation.add_argument("rest", nargs=argparse.REMAINDER)
    federation.set_defaults(func=cmd_federation)

    manage = sub.add_parser(
        "manage", help=cmd_manage.__doc__, description=cmd_manage.__doc__, add_help=False
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


# Commands that hand every argument after their name, --help included, to the management
# command of the same name (their docstring is the help line in `crossnote --help`).
REST_COMMANDS = {
    "manage": cmd_manage,
    "moderation": cmd_moderation,
    "privacy": cmd_privacy,
    "portability": cmd_portability,
    "topics": cmd_topics,
    "media": cmd_media,
    "insights": cmd_insights,
    "tasks": cmd_tasks,
    "security": cmd_security,
    "federation": cmd_federation,
}


def _dispatch(argv: list[str]) -> None:
    if argv and argv[0] in REST_COMMANDS:
        REST_COMMANDS[argv[0]](argparse.Namespace(rest=argv[1:]))
        return
    if argv and argv[0] in PASS_THROUGH:
        # Everything after the name, --help included, belongs to the management command.
        build_parser().parse_args([argv[0]]).func(argparse.Namespace(rest=argv[1:]))
        return
    args = build_parser().parse_args(argv)
    args.func(args)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    from django.db.utils import OperationalError, ProgrammingError

    try:
        _dispatch(argv)
    except (OperationalError, ProgrammingError) as exc:
        # A database that was never set up answers every command with "no such table": say
        # what to do instead of a traceback (other errors keep theirs).
        text = str(exc)
        if "no such table" in text or ("relation" in text and "does not exist" in text):
            sys.exit(
                f"crossnote: the database has no tables yet ({text.splitlines()[0]}): "
                "run `crossnote migrate` first"
            )
        raise


if __name__ == "__main__":
    main()

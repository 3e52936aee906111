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


def _call(name: str, *args, **options) -> None:
    _setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(name, *args, **options)
    except CommandError as exc:
        sys.exit(f"crossnote {name}: {exc}")


def cmd_serve(args) -> None:
    """Run the web server (granian, WSGI) with N worker processes."""
    _setup()
    from django.conf import settings

    if args.migrate:
        _call("migrate", interactive=False, verbosity=0)
    granian = shutil.which("granian") or os.path.join(os.path.dirname(sys.executable), "granian")
    argv = [
        granian,
        "--interface",
        "wsgi",
        "crossnote.wsgi:application",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        "--blocking-threads",
        str(args.threads),
        # Import the app from the folder above the package, whatever the caller's cwd is.
        "--working-dir",
        str(settings.BASE_DIR),
    ]
    print(f"Crossnote serving http://{args.host}:{args.port}/ (data: {settings.DATA_DIR})")
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
    _call("demo", users=args.users, notes=args.notes, seed=args.seed, if_empty=args.if_empty)


def cmd_translation(args) -> None:
    """Translation engines: install an Argos model, list engines, translate a text."""
    rest = [args.action]
    if args.action == "install":
        rest += [code for code in (args.source, args.target) if code]
        rest += ["--file", args.file] if args.file else []
    elif args.action == "translate":
        rest += [args.text, "--to", args.to] + (["--from", args.source] if args.source else [])
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
    serve.add_argument("--threads", type=int, default=8, help="threads per worker (8)")
    serve.add_argument("--migrate", action="store_true", help="apply migrations first")
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
    demo.set_defaults(func=cmd_demo)

    translation = sub.add_parser(
        "translation", help=cmd_translation.__doc__, description=cmd_translation.__doc__
    )
    tsub = translation.add_subparsers(dest="action", metavar="ACTION")
    tsub.required = True
    install = tsub.add_parser("install", help="download and install an Argos Translate model")
    install.add_argument("source", nargs="?", help="from, e.g. zh")
    install.add_argument("target", nargs="?", help="into, e.g. en")
    install.add_argument("--file", help="a local .argosmodel file (offline install)")
    tsub.add_parser("list", help="engines in the order they are tried, with ready pairs")
    translate = tsub.add_parser("translate", help="translate a text through the engine chain")
    translate.add_argument("text")
    translate.add_argument("--to", required=True, help="target language, e.g. zh")
    translate.add_argument("--from", dest="source", help="source language (default: detect)")
    translation.set_defaults(func=cmd_translation, file=None, source=None)

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
        choices=["notes", "users", "topics", "embeddings"],
        help="only this kind (repeatable; default: all, embeddings when available)",
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
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()

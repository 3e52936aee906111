"""Cold signed-in readers of explore, in-process: what one costs, and what a burst does to requests.

    .venv/bin/python bench/explore_cold.py --data-dir /work/bench-data/world-1m --mode one-shot
    .venv/bin/python bench/explore_cold.py --data-dir /work/bench-data/world-1m --mode burst

Readers are people of one region and language (CN, zh) of a bench/generate.py world; the
visitors' head for them is made first (one reader's first pages), as on a live server.
`one-shot`: 60 readers each ask one first page and leave; prints the process CPU per reader
including any background work it queued (waited for), and the request thread's CPU.
`burst`: 32 readers, none with a pool, asked in turn by 2 threads for 4 s (each comes back
within moments, as under wrk); prints the requests' wall p50/p90/p99. `--side-by-side` lets
background rankings run concurrently (what the tree did before they ran one at a time).
Requests go through one Django test client per thread (a new client loads the middleware again,
~25 ms, which is not what is measured); background tasks run in threads as on the embedded
default. Run a tree's own copy with `cd <tree> && .venv/bin/python bench/explore_cold.py`.
"""

import os
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # bench/profile.py shadows the stdlib's

import argparse  # noqa: E402
import contextlib  # noqa: E402
import statistics  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

EXPLORE = "/api/v1/feeds/explore"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, help="a world's data folder")
    parser.add_argument("--mode", choices=["one-shot", "burst"], default="one-shot")
    parser.add_argument("--side-by-side", action="store_true", help="burst: no one-at-a-time lock")
    args = parser.parse_args()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    os.environ["CROSSNOTE_SCHEDULER"] = "0"
    os.environ["CROSSNOTE_RATE_LIMITS_ENABLED"] = "0"
    import django

    django.setup()
    import logging

    logging.getLogger("crossnote.request").setLevel(logging.WARNING)
    from django.core.cache import cache
    from django.test import Client

    from crossnote.accounts.models import User
    from crossnote.feeds import cards, ranking

    if args.side_by_side and hasattr(ranking, "_one_ranking_at_a_time"):
        ranking._one_ranking_at_a_time = contextlib.nullcontext()  # type: ignore[assignment]
    people = list(
        User.objects.filter(is_active=True, region="CN", languages=["zh"]).order_by("pk")[:400]
    )
    idle_threads = threading.active_count()

    def settle() -> None:  # background tasks (threads) done
        while threading.active_count() > idle_threads:
            time.sleep(0.01)

    def session_of(person) -> str:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(person)
        return client.cookies["sessionid"].value

    def get(client, session: str):
        client.cookies["sessionid"] = session
        return client.get(EXPLORE)

    cache.clear()
    cards.forget_all()
    main_client, warm = Client(HTTP_HOST="127.0.0.1"), session_of(people[-1])
    for _ in range(2):  # the visitors' head (queued by the first), the process's compiled SQL
        get(main_client, warm)
        settle()
    if args.mode == "one-shot":
        sessions = [session_of(person) for person in people[:60]]
        per_reader, request = [], []
        for session in sessions:
            started, started_thread = time.process_time(), time.thread_time()
            assert get(main_client, session).status_code == 200
            request.append((time.thread_time() - started_thread) * 1000)
            settle()
            per_reader.append((time.process_time() - started) * 1000)
        print(
            f"one-shot cold readers (n={len(sessions)}): process CPU per reader incl. background "
            f"median {statistics.median(per_reader):.2f} ms; request thread median "
            f"{statistics.median(request):.2f} ms"
        )
    else:
        sessions = [session_of(person) for person in people[100:132]]
        walls: list[float] = []
        lock, turn = threading.Lock(), [0]
        stop = time.perf_counter() + 4

        def work() -> None:
            client = Client(HTTP_HOST="127.0.0.1")
            get(client, warm)  # this client's middleware, loaded before the clock
            while time.perf_counter() < stop:
                with lock:
                    turn[0] += 1
                    session = sessions[turn[0] % len(sessions)]
                started = time.perf_counter()
                get(client, session)
                with lock:
                    walls.append((time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        settle()
        walls.sort()

        def pct(share: float) -> float:
            return walls[min(len(walls) - 1, int(len(walls) * share))]

        print(
            f"burst of {len(sessions)} cold readers, 2 threads, 4 s"
            f"{' (rankings side by side)' if args.side_by_side else ''}: {len(walls)} requests, "
            f"wall p50 {pct(0.5):.1f} p90 {pct(0.9):.1f} p99 {pct(0.99):.1f} ms"
        )
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("command: .venv/bin/python bench/explore_cold.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()

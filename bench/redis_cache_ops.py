"""CPU of one cache operation on the configured cache (set REDIS_URL for Redis), in process:

    REDIS_URL=redis://127.0.0.1:6379/9 CROSSNOTE_DATA_DIR=SCRATCH .venv/bin/python bench/redis_cache_ops.py

Times `cache.get` of a 100-byte value, `--count` in a row, by the thread's CPU clock (the round
trip's waiting is not counted), `--rounds` times. Writes one key (`bench:redis_cache_ops`).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    cache.set("bench:redis_cache_ops", b"x" * 100, 60)
    print(f"backend: {settings.CACHES['default']['BACKEND']}")
    for _round in range(args.rounds):
        started = time.thread_time()
        for _ in range(args.count):
            cache.get("bench:redis_cache_ops")
        spent = (time.thread_time() - started) / args.count * 1e6
        print(f"  {spent:.0f} us CPU per cache.get")
    cache.delete("bench:redis_cache_ops")


if __name__ == "__main__":
    main()

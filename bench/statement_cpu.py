"""CPU per SQL statement of bench/explore_request.py's requests: its median, mean, p90, p99,
longest and the share of its CPU in its slowest 2 %, by statement (first 70 characters).

    .venv/bin/python bench/statement_cpu.py --data-dir COPY_OF_A_WORLD --like --requests 1000 --repeat 2

Takes bench/explore_request.py's arguments and runs it with a timer around every statement of
every connection (thread CPU: time.thread_time, so a wait for a lock or a core is not counted,
work SQLite does in the calling thread is). A mean far above the median says a few statements
pay for everyone (a WAL checkpoint inside a commit: bench/README.md, "Likes: WAL checkpoints in
a thread of their own").
"""

import atexit
import collections
import os
import runpy
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

spent: dict[str, list[float]] = collections.defaultdict(list)


def timed(execute, sql, params, many, context):
    began = time.thread_time()
    try:
        return execute(sql, params, many, context)
    finally:
        spent[(sql or "")[:70]].append(time.thread_time() - began)


def report() -> None:
    print("statement CPU (us): count, median, mean, p90, p99, longest, share in the slowest 2 %")
    for text, times in sorted(spent.items(), key=lambda item: -sum(item[1])):
        if len(times) < 50:
            continue
        times.sort()
        n = len(times)
        slowest = sum(times[int(n * 0.98) :]) / sum(times) if sum(times) else 0.0
        print(
            f"{n:7d} {statistics.median(times) * 1e6:7.0f} {statistics.mean(times) * 1e6:7.0f}"
            f" {times[int(n * 0.9)] * 1e6:7.0f} {times[int(n * 0.99)] * 1e6:7.0f}"
            f" {times[-1] * 1e6:7.0f} {slowest:5.2f}  {text}"
        )


def main() -> None:
    from django.db.backends.signals import connection_created

    def instrument(sender, connection, **kwargs):
        connection.execute_wrappers.append(timed)

    connection_created.connect(instrument, weak=False)
    atexit.register(report)
    sys.argv = [str(HERE / "explore_request.py"), *sys.argv[1:]]
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()

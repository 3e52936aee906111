"""The bounded in-process memo the read paths share (crossnote.core.memo)."""

import threading

from crossnote.core.memo import BoundedMemo


def test_the_least_recently_used_entry_goes_first():
    memo = BoundedMemo(2)
    memo.remember("a", 1)
    memo.remember("b", 2)
    assert memo.recall("a") == 1  # "a" is now the most recently used
    memo.remember("c", 3)
    assert list(memo) == ["a", "c"] and memo.recall("b") is None
    memo.forget("a")
    assert list(memo) == ["c"]
    memo.forget()
    assert len(memo) == 0


def test_threads_never_push_it_past_its_size():
    memo = BoundedMemo(50)

    def fill(start):
        for n in range(start, start + 2_000):
            memo.remember(n, n)
            memo.recall(n - 7)

    threads = [threading.Thread(target=fill, args=(k * 10_000,)) for k in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(memo) == 50

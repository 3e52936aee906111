"""A bounded map kept in process memory, shared by the read paths' memos (feed cards, visitors'
pages, readers' heads, template fragments): at most `size` entries, the least recently used
dropped first, safe to use from the server's threads. What an entry means, and when it is
current, stays with each user of it."""

import threading
from collections import OrderedDict


class BoundedMemo(OrderedDict):
    """An OrderedDict with a size and a lock: `remember`, `recall` and `forget` take the lock;
    plain reads (`get`, `len`, iteration) are the dict's own."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def remember(self, key, value) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)

    def recall(self, key):
        """The entry for `key` (now the most recently used), or None."""
        with self.lock:
            value = self.get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def forget(self, key=None) -> None:
        """Drop `key`'s entry, or every entry."""
        with self.lock:
            if key is None:
                self.clear()
            else:
                self.pop(key, None)

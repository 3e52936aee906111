"""A tiny registry that lets a higher layer act on a lower layer's events without the lower one
importing it (imports flow core ← accounts ← social ← notes ← … ← moderation).

Moderation registers `screen_draft` (the norms coach), `screen_images` and `content_created`;
notes fires them. With nothing registered, firing does nothing and collecting returns [].
"""

from collections import defaultdict
from collections.abc import Callable

_handlers: dict[str, list[Callable]] = defaultdict(list)


def register(event: str, handler: Callable) -> None:
    if handler not in _handlers[event]:
        _handlers[event].append(handler)


def collect(event: str, **kwargs) -> list:
    """Call every handler of `event` and return their non-None results, flattened one level."""
    results = []
    for handler in _handlers[event]:
        result = handler(**kwargs)
        if isinstance(result, list):
            results.extend(result)
        elif result is not None:
            results.append(result)
    return results

"""What the insights app listens to: translation requests from the language bridge. (A person's
active days reach privacy's export and erasure through data_rights.py.)"""

from crossnote.core import hooks


def _translation_requested(*, source: str, target: str, **_ignored) -> None:
    from crossnote.insights.services import count_translation_request

    count_translation_request(source=source, target=target)


def connect() -> None:
    hooks.register(hooks.TRANSLATION_REQUESTED, _translation_requested)

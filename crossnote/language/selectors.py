"""Language reads: what a reader speaks and which language to translate into for them."""

from django.utils.translation import get_language


def ui_language() -> str:
    """'zh-hans' → 'zh'; 'en' → 'en'."""
    return (get_language() or "en").split("-")[0]


def viewer_languages(request) -> tuple[list[str], str]:
    """(languages the reader reads, the language to translate into): the UI language first."""
    target = ui_language()
    languages = [target]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        languages += [code for code in user.languages if code != target]
    return languages, target

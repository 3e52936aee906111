"""Puts the reader's languages and translation target on every page."""

from crossnote.language.selectors import viewer_languages


def language_bridge(request):
    languages, target = viewer_languages(request)
    user = getattr(request, "user", None)
    auto = bool(user is not None and user.is_authenticated and user.auto_translate)
    return {"viewer_languages": languages, "translate_target": target, "auto_translate": auto}

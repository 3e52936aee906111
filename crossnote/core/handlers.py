"""Django's WSGI handler, with each exact path's URL match remembered by the process.

Resolving walks the root URLconf's includes in order (admin, API, then one `include()` per app,
each trying its patterns): for `/bench/hello` eight resolvers and ~38 pattern matches, ~13 % of
the request's CPU (bench/README.md "Request path"). The hottest paths carry no arguments
(`/`, `/following/`, `/api/v1/feeds/explore`, `/bench/hello`), and a path without captured
arguments always resolves to the same match, so the process keeps those matches by path and
hands the same one to every request for it. Matches with arguments (`/notes/<id>/`) and misses
(404) are resolved as before: the memo cannot grow with ids or with what a client sends, and it
is dropped whenever Django builds a new root resolver (ROOT_URLCONF changed, e.g. in tests).
"""

from django.core.handlers.wsgi import WSGIHandler
from django.urls import get_resolver, set_urlconf
from django.urls.resolvers import ResolverMatch, URLResolver

# More exact paths than any URLconf here has: past it the memo starts again (a catch-all pattern
# without arguments would otherwise let a client grow it forever).
MEMO_LIMIT = 2048


class ResolvedPaths:
    """Exact paths → their ResolverMatch, for one root resolver."""

    def __init__(self) -> None:
        self.resolver: URLResolver | None = None
        self.matches: dict[str, ResolverMatch] = {}

    def resolve(self, resolver: URLResolver, path: str) -> ResolverMatch:
        if resolver is not self.resolver:  # a new URLconf: forget everything
            self.matches = {}
            self.resolver = resolver
        matches = self.matches
        match = matches.get(path)
        if match is None:
            match = resolver.resolve(path)  # Resolver404 propagates, remembered by nobody
            if not match.args and not match.kwargs:
                if len(matches) >= MEMO_LIMIT:
                    matches.clear()
                matches[path] = match
        return match


class CrossnoteWSGIHandler(WSGIHandler):
    """WSGIHandler whose URL resolving goes through the process's ResolvedPaths."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolved_paths = ResolvedPaths()

    def resolve_request(self, request):
        # As BaseHandler.resolve_request; a request with its own urlconf is resolved as before.
        if hasattr(request, "urlconf"):
            set_urlconf(request.urlconf)
            match = get_resolver(request.urlconf).resolve(request.path_info)
        else:
            match = self.resolved_paths.resolve(get_resolver(), request.path_info)
        request.resolver_match = match
        return match

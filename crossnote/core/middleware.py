"""Turns a DomainError raised under a page view into a clear 4xx page (the API has its own); and
two of Django's middleware doing only the work a request needs (the fixed cost of every request:
bench/README.md "Request path")."""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from crossnote.core.errors import DomainError, InvalidInput


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):  # a huge integer in the URL or a form: bad input
            exception = InvalidInput(_("A number in the request is out of range."))
        if not isinstance(exception, DomainError):
            return None
        template = "_error_fragment.html" if getattr(request, "htmx", False) else "error.html"
        if not getattr(request, "htmx", False) and getattr(exception, "page_template", None):
            template = exception.page_template  # e.g. the sign-up waiting page
        context = {"message": exception.message, "error": exception}
        response = render(request, template, context, status=exception.status)
        if getattr(exception, "retry_after", None):
            response["Retry-After"] = str(exception.retry_after)  # RateLimited: RFC 6585
        return response


class LazyMessageMiddleware(MessageMiddleware):
    """django.contrib.messages' middleware, except that the storage (a cookie signer and a
    session storage, ~15 % of a bare request's CPU) is made on first use: an API call or a page
    that neither adds nor shows a message never builds it. A storage never touched has nothing
    to save, so skipping its update() changes no response."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)


class PlainLocaleMiddleware(LocaleMiddleware):
    """django.middleware.locale's, for URLconfs without i18n_patterns (ours): the language comes
    from the cookie and Accept-Language as there, without looking for a language in the path
    twice per request (which only i18n_patterns use). With i18n_patterns it is Django's."""

    def process_request(self, request):
        if is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))[0]:
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))[0]:
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

"""Turns a DomainError raised under a page view into a clear 4xx page (the API has its own)."""

from django.shortcuts import render
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

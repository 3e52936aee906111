"""Turns a DomainError raised under a page view into a clear 4xx page (the API has its own)."""

from django.shortcuts import render

from crossnote.core.errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        template = "_error_fragment.html" if getattr(request, "htmx", False) else "error.html"
        return render(request, template, {"message": exception.message}, status=exception.status)

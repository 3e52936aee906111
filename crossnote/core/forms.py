"""Bridges services and Django forms: a DomainError becomes an error on the right field."""

from crossnote.core.errors import DomainError, RateLimited


def run_service(form, call, *args, **kwargs):
    """Call a service; on a DomainError attach its message to the form and return None."""
    try:
        return call(*args, **kwargs)
    except RateLimited:
        raise  # not a field's fault: the 429 page (with Retry-After) explains it
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return None

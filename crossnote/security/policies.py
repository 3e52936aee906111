"""Who may run sign-up surge controls: staff (administrators) only."""


def can_manage_signups(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)

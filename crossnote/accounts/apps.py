"""Accounts: users, profiles and personal access tokens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "crossnote.accounts"
    verbose_name = _("Accounts")  # the admin's heading
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.contrib.sessions.models import Session
        from django.db.models.signals import post_delete, post_save

        from crossnote.accounts.authcache import bump_on_change, forget_person_on_change
        from crossnote.accounts.models import ApiToken, User
        from crossnote.accounts.services import authenticate_token
        from crossnote.core import api_auth

        # The API's authentication sits below accounts (in core); a token is ours to look up.
        api_auth.use_token_lookup(authenticate_token)
        # Every process's memo of sessions and tokens (crossnote.accounts.authcache) goes old
        # when any session or token row is written or deleted, or someone logs in or out.
        for signal in (post_save, post_delete):
            for model in (Session, ApiToken):
                signal.connect(bump_on_change, sender=model, dispatch_uid=f"authcache.{model}")
        user_logged_in.connect(bump_on_change, dispatch_uid="authcache.login")
        user_logged_out.connect(bump_on_change, dispatch_uid="authcache.logout")
        # A person's row kept by this process (PostgreSQL's news) is read again after a save
        # here at once; other processes hear of it at commit.
        for signal in (post_save, post_delete):
            signal.connect(forget_person_on_change, sender=User, dispatch_uid="authcache.person")

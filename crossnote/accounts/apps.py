"""Accounts: users, profiles and personal access tokens."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crossnote.accounts"
    label = "accounts"

    def ready(self):
        from crossnote.accounts.services import authenticate_token
        from crossnote.core import api_auth

        # The API's authentication sits below accounts (in core); a token is ours to look up.
        api_auth.use_token_lookup(authenticate_token)

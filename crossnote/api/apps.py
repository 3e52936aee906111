"""The REST API: assembles every app's router into one django-ninja API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "crossnote.api"
    label = "api"

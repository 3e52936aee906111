"""Feeds: explore ranking and the following timeline."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "crossnote.feeds"
    label = "feeds"

    def ready(self):
        from crossnote.feeds import cards, hooks, pages
        from crossnote.notes import card_path

        hooks.connect()
        # Notes' own lists (a person's notes on their profile) are served on the card path.
        card_path.use_card_path(
            card_path.CardPath(
                newest_shown_by=cards.newest_shown_by,
                page_items=cards.page_items,
                page_notes=pages.page_notes,
                rows_about=cards.rows_about,
            )
        )

"""Moderation writes, one module per kind of work (as Takahē shapes `users/services/`):

- screening: every write of a note, comment, profile or image through the layers, the verdict
  put into effect; the norms coach; guidelines acknowledged at sign-up;
- review: reports (readers' and other apps'), the queue, claim and release, decisions;
- appeals: appeal a decision, decide an appeal, and the one call that decides any item;
- enforcement: decisions and statements of reasons, content states, regional withholding,
  strikes and suspensions, the audit log;
- lists: policies as YAML, hash lists, the defaults of a fresh install;
- training: classifier versions trained from moderators' decisions, activated, rolled back;
- suite_runs: the regression suite run on a moderator's request, its last result kept.

Callers import the public names from here (`from crossnote.moderation.services import
withhold_note`). Reads live in crossnote.moderation.selectors; `screen_text`, `text_of` and
`category_name` are re-exported here too, for callers written when they lived in services.
"""

from crossnote.moderation.categories import category_name
from crossnote.moderation.selectors import screen_text, text_of
from crossnote.moderation.services.appeals import appeal_decision, decide_appeal, decide_review_item
from crossnote.moderation.services.enforcement import (
    apply_state,
    audit,
    lift_expired_suspensions,
    lift_suspensions,
    lift_suspensions_of,
    statement_for,
    statement_of_reasons,
    strike,
    withhold_note,
)
from crossnote.moderation.services.lists import (
    ensure_defaults,
    export_hash_list,
    export_policies,
    import_hash_list,
    import_policies,
)
from crossnote.moderation.services.review import (
    claim_item,
    decide_item,
    open_item,
    queue_automated,
    queue_report,
    queue_reported,
    release_item,
    report_content,
)
from crossnote.moderation.services.screening import (
    acknowledge_guidelines,
    apply_verdict,
    coach_draft,
    moderate_content,
    screen_images,
)
from crossnote.moderation.services.suite_runs import remember_suite_run, run_suite_now
from crossnote.moderation.services.training import (
    activate_version,
    ensure_shipped,
    rollback,
    train_version,
)

__all__ = [
    "acknowledge_guidelines",
    "activate_version",
    "appeal_decision",
    "apply_state",
    "apply_verdict",
    "audit",
    "category_name",
    "claim_item",
    "coach_draft",
    "decide_appeal",
    "decide_item",
    "decide_review_item",
    "ensure_defaults",
    "ensure_shipped",
    "export_hash_list",
    "export_policies",
    "import_hash_list",
    "import_policies",
    "lift_expired_suspensions",
    "lift_suspensions",
    "lift_suspensions_of",
    "moderate_content",
    "open_item",
    "queue_automated",
    "queue_report",
    "queue_reported",
    "release_item",
    "remember_suite_run",
    "report_content",
    "rollback",
    "run_suite_now",
    "screen_images",
    "screen_text",
    "statement_for",
    "statement_of_reasons",
    "strike",
    "text_of",
    "train_version",
    "withhold_note",
]

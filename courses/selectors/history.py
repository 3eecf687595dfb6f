"""The audit history of assignment reviews, training time and programmes, as the staff pages
show it.

The services write the entries (`core.audit.log_action`, in the decision's transaction); these
reads give each entry a `label` in the reader's language.
"""

from django.utils.translation import gettext_lazy as _

from core.audit import histories_of

# What each action of the courses app's audit entries says, after the date and before who.
LABELS = {
    "courses.review.approved": _("Approved"),
    "courses.review.changes_requested": _("Changes requested"),
    "courses.time_approval.requested": _("Training time asked for"),
    "courses.time_approval.approved": _("Training time approved"),
    "courses.time_approval.declined": _("Training time declined"),
    "courses.programme.published": _("Programme published"),
    "courses.programme.retired": _("Programme retired"),
    "courses.programme.imported": _("Imported from a file"),
    "courses.module.published": _("Module published"),
    "courses.module.retired": _("Module retired"),
}


def with_history(objects):
    """Give each object (submissions, or time approvals: one model) its `history`, the audit
    entries about it oldest first, each with a `label` (one query for them all)."""
    objects = list(objects)
    if not objects:
        return objects
    found = histories_of(type(objects[0]), [obj.pk for obj in objects])
    for obj in objects:
        obj.history = found[obj.pk]
        for entry in obj.history:
            entry.label = LABELS.get(entry.action, entry.action)
    return objects

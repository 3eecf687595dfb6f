"""Background work of the community app: nudge emails to stuck learners."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core import branding


@task()
def send_nudge(nudge_id: int) -> None:
    """Send the reminder in the learner's own language."""
    from .models import Nudge

    nudge = Nudge.objects.select_related("learner", "champion").filter(pk=nudge_id).first()
    if nudge is None or not nudge.learner.email:
        return
    with translation.override(nudge.learner.language):
        context = {
            "learner": nudge.learner,
            "champion": nudge.champion,
            "url": settings.ACADEMY_BASE_URL.rstrip("/") + reverse("learner_home"),
        }
        send_mail(
            subject=_("Pick up where you left off in %(academy)s")
            % {"academy": branding.current().name},
            message=render_to_string("community/email/nudge.txt", context),
            from_email=None,
            recipient_list=[nudge.learner.email],
        )

"""A notification's email: HTML and plain text in the recipient's language, linking to the
item itself, with a List-Unsubscribe header for the kinds people may switch off."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import branding

from . import kinds
from .models import Notification


def absolute(path: str) -> str:
    return settings.ACADEMY_BASE_URL.rstrip("/") + path


def message_for(notification: Notification) -> EmailMultiAlternatives:
    person = notification.recipient
    optional = notification.kind not in kinds.MANDATORY
    preferences = absolute(reverse("notifications:preferences"))
    with translation.override(person.language or settings.LANGUAGE_CODE):
        brand = branding.current()  # its default name is translated
        context = {
            "notification": notification,
            "url": absolute(reverse("notifications:open", args=[notification.pk])),
            "preferences_url": preferences,
            "optional": optional,
            "academy": brand.name,
            "brand": brand,
            "logo_url": absolute(brand.logo_url)
            if brand.logo_url.startswith("/")
            else brand.logo_url,
            "person": person,
        }
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    headers = {"List-Unsubscribe": f"<{preferences}>"} if optional else {}
    message = EmailMultiAlternatives(
        subject=notification.title, body=text, to=[person.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message

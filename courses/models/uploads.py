"""A course-as-code file the programme team uploaded on the web, kept between checking it and
confirming the import (docs/decisions/0017-programme-lifecycle.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A YAML file or a ZIP of the folder form; the checker refuses any one file above 8 MB.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024


class ProgrammeUpload(models.Model):
    """An uploaded programme file: checked without problems, waiting for confirmation (or
    imported). Its id is unguessable and only its uploader opens it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    programmes = models.JSONField(_("programmes"), default=list)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme upload")
        verbose_name_plural = _("programme uploads")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.filename

"""Background work: signing issued credentials and rendering their certificates."""

from django_tasks import task


@task()
def sign_credential(credential_id: int) -> None:
    from . import signing
    from .models import IssuedCredential

    credential = IssuedCredential.objects.filter(pk=credential_id).first()
    if credential is not None:
        signing.ensure_signed(credential)


@task()
def render_certificate(credential_id: int) -> None:
    from . import certificate
    from .models import IssuedCredential

    credential = IssuedCredential.objects.filter(pk=credential_id).first()
    if credential is not None:
        certificate.certificate_pdf(credential)


@task()
def build_export(export_id: int) -> None:
    from . import export
    from .models import CredentialExport

    job = CredentialExport.objects.filter(pk=export_id).first()
    if job is not None:
        export.build(job)


@task()
def sign_and_render(credential_ids: list[int]) -> None:
    """Sign a batch of credentials recorded in bulk and render their certificates."""
    from . import certificate, signing
    from .models import IssuedCredential

    for credential in IssuedCredential.objects.filter(pk__in=credential_ids).order_by("pk"):
        signing.ensure_signed(credential)
        certificate.certificate_pdf(credential)

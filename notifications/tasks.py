"""Background work of the notifications app: sending a notification's email."""

from django_tasks import task


@task()
def send_email(notification_id: int) -> None:
    """Send the email (a failure is recorded and raised, so the queue tries again)."""
    from . import services

    services.deliver(notification_id)

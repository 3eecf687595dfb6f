"""Domain signals of certification (sent after the transaction commits), for higher apps."""

from django.dispatch import Signal

# sender=IssuedCredential, credential=..., person=...
credential_issued = Signal()
# sender=IssuedCredential, credential=..., old_status=..., new_status=...
credential_status_changed = Signal()

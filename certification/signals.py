"""Domain signals of certification (sent after the transaction commits), for higher apps."""

from django.dispatch import Signal

# sender=IssuedCredential, credential=..., person=...
credential_issued = Signal()
# sender=IssuedCredential, credential=..., old_status=..., new_status=...
credential_status_changed = Signal()
# sender=IssuedCredential, definition=..., credential_ids=[...], person_ids=[...]: many issued
# at once (bulk awarding); one signal for the batch instead of one per credential.
credentials_issued_in_bulk = Signal()

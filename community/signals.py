"""Domain signals of the community app, sent after the transaction commits (docs/apis.md)."""

from django.dispatch import Signal

# sender=AwarenessSession, session=..., person_ids=[...] (the named attendees)
awareness_session_recorded = Signal()
# sender=SegmentResult, person=..., result=...
survey_submitted = Signal()

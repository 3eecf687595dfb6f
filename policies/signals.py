"""Domain signals of the policies app, sent after the transaction commits (docs/apis.md).

- `policy_acknowledged(sender, person, version)`: a person acknowledged a version (sent once).
- `version_published(sender, version)`: a version was published.
"""

from django.dispatch import Signal

policy_acknowledged = Signal()
version_published = Signal()

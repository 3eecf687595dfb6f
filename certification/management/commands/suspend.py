from ... import services
from ._status import StatusCommand


class Command(StatusCommand):
    help = "Suspend a credential until reinstated (audited): academy suspend SERIAL --reason TEXT"
    service = services.suspend

from ... import services
from ._status import StatusCommand


class Command(StatusCommand):
    help = "Revoke a credential for good (audited): academy revoke SERIAL --reason TEXT"
    service = services.revoke

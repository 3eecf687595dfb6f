from ... import services
from ._status import StatusCommand


class Command(StatusCommand):
    help = "Lift a suspension (audited): academy reinstate SERIAL [--reason TEXT]"
    service = services.reinstate
    needs_reason = False

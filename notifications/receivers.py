"""Listen to certification's domain signals: a suspended or reinstated credential is a note to
its holder, sent as it happens."""

from certification import signals as certification_signals


def on_credential_status_changed(sender, credential, old_status, new_status, **kwargs):
    from . import kinds, services

    suspended = new_status == "suspended"
    reinstated = old_status == "suspended" and new_status == "valid"
    if suspended or reinstated:
        note = kinds.KINDS["credential_status"]
        services.notify(note.candidate(credential, suspended=suspended))


def connect() -> None:
    certification_signals.credential_status_changed.connect(
        on_credential_status_changed, dispatch_uid="notifications:credential_status_changed"
    )

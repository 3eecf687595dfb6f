"""The kinds of notification: each is a class that says whether people may switch it off and,
for the scheduled ones, what is due at a moment (`due(now)`). The registry at the bottom is the
one list; preferences, the pass and the pages read it.

A `Candidate` names its ledger key (kind, recipient, subject, occasion) and how to word and
link it; the wording runs in the recipient's language, and only for candidates not yet sent.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


@dataclass
class Candidate:
    kind: str
    recipient: object  # people.Person
    subject: object  # any model instance
    occasion: str
    # Called in the recipient's language: (title, body) and the link (a path on the academy).
    words: Callable[[], tuple[str, str]]
    link: Callable[[], str]


def _days(count: int) -> str:
    if count == 0:
        return _("today")
    return ngettext("in %(count)d day", "in %(count)d days", count) % {"count": count}


def _date(day: datetime.date) -> str:
    """A date as the recipient's language writes it (15 June 2030, 15 juni 2030)."""
    return formats.date_format(day, "DATE_FORMAT")


def _threshold(days_left: int, thresholds: tuple[int, ...]) -> int | None:
    """The nearest threshold reached (the smallest at or above the days left), if any."""
    reached = [t for t in thresholds if days_left <= t]
    return min(reached) if reached and days_left >= 0 else None


def _training_link(person, module) -> str:
    """The step to resume at when the person follows the module, else the module's page."""
    from courses import selectors

    for item in selectors.my_learning(person):
        if item.module.pk == module.pk and item.next_step is not None:
            step = item.next_step
            return reverse("courses:step", args=[module.slug, step.lesson.slug, step.slug])
    return reverse("courses:module", args=[module.slug])


class Kind:
    slug = ""
    label: str = ""
    help: str = ""
    mandatory = False

    def due(self, now: datetime.datetime) -> Iterable[Candidate]:
        """What is due at `now` (event-driven kinds are created by receivers instead)."""
        return []

    def concerns(self, person) -> bool:
        """Whether `person` can get this kind at all (the preferences show only those)."""
        return True


class TrainingDue(Kind):
    """Required training due soon (14, 3 and 0 days before), or overdue (once)."""

    slug = "training_due"
    label = gettext_lazy("Required training due")
    help = gettext_lazy("Reminders 14 and 3 days before, on the day, and once when overdue.")
    mandatory = True
    thresholds = (14, 3, 0)

    def due(self, now):
        from courses.selectors import open_obligations

        today = timezone.localdate(now)
        for obligation in open_obligations():
            days_left = (obligation.due - today).days
            if days_left < 0:
                step = "overdue"
            else:
                threshold = _threshold(days_left, self.thresholds)
                if threshold is None:
                    continue
                step = str(threshold)
            yield self._candidate(obligation, days_left, step)

    def _candidate(self, obligation, days_left: int, step: str) -> Candidate:
        person, module, due = obligation.person, obligation.module, obligation.due

        def words():
            title = module.title(person.language)
            if days_left < 0:
                return (
                    _("Required training overdue: %(module)s") % {"module": title},
                    _("%(module)s was due on %(date)s. Please complete it as soon as you can.")
                    % {"module": title, "date": _date(due)},
                )
            return (
                _("%(module)s is due %(when)s") % {"module": title, "when": _days(days_left)},
                _("Required training: complete %(module)s by %(date)s.")
                % {"module": title, "date": _date(due)},
            )

        return Candidate(
            kind=self.slug,
            recipient=person,
            subject=module,
            occasion=f"{due.isoformat()}/{step}",
            words=words,
            link=lambda: _training_link(person, module),
        )


class TrainingOverdueEscalation(Kind):
    """To a person's manager (HR roster) once required training is overdue."""

    slug = "training_overdue"
    label = gettext_lazy("Overdue training of people who report to you")
    help = gettext_lazy("Once, when someone you manage misses a due date.")

    def concerns(self, person) -> bool:
        return person.reports.exists()

    def due(self, now):
        from courses.selectors import open_obligations
        from people.models import Person
        from people.permissions import can_view_person

        today = timezone.localdate(now)
        overdue = [o for o in open_obligations() if o.due < today and o.person.manager_id]
        managers = Person.objects.filter(
            pk__in={o.person.manager_id for o in overdue}, is_active=True
        ).in_bulk()
        for obligation in overdue:
            manager = managers.get(obligation.person.manager_id)
            if manager is None:
                continue
            person, module, due = obligation.person, obligation.module, obligation.due

            def words(person=person, module=module, due=due, manager=manager):
                return (
                    _("%(name)s has not completed required training") % {"name": person.name},
                    _(
                        "%(name)s, who reports to you, was due to complete %(module)s by "
                        "%(date)s and has not yet. A word from you helps."
                    )
                    % {
                        "name": person.name,
                        "module": module.title(manager.language),
                        "date": _date(due),
                    },
                )

            def link(person=person, manager=manager):
                # A manager who leads the person's unit sees them on the adoption pages; any
                # other manager has the notification itself to go by.
                if manager.pk != person.pk and can_view_person(manager, person):
                    return reverse("insights:people") + "?" + urlencode({"q": person.email})
                return reverse("notifications:list")

            yield Candidate(
                kind=self.slug,
                recipient=manager,
                subject=person,
                occasion=f"{module.slug}/{due.isoformat()}",
                words=words,
                link=link,
            )


class PolicyReacknowledgement(Kind):
    """During the grace period of a major policy version, to those who have not acknowledged it."""

    slug = "policy_reacknowledge"
    label = gettext_lazy("Acknowledging a new social media policy")
    help = gettext_lazy("When a new major version asks you again, and 7 and 1 days before the end.")
    mandatory = True
    thresholds = (7, 1)

    def due(self, now):
        from people.models import Person
        from policies import selectors as policies

        version = policies.current_version(as_of=now)
        if version is None:
            return
        major = policies.major_version_of(version)
        deadline = policies.grace_deadline(major)
        if now >= deadline:
            return
        days_left = (timezone.localdate(deadline) - timezone.localdate(now)).days
        threshold = _threshold(days_left, self.thresholds)
        step = str(threshold) if threshold is not None else "start"
        people = list(Person.objects.filter(is_active=True).only("id", "language", "email"))
        done = policies.acknowledged_current_ids([p.pk for p in people], as_of=now)
        for person in people:
            if person.pk in done:
                continue

            def words(deadline=deadline):
                return (
                    _("Please acknowledge the social media policy %(number)s")
                    % {"number": major.number},
                    _(
                        "A new version of the social media policy is in effect. Read it and "
                        "acknowledge it before %(date)s; credentials of those who have not by "
                        "then are suspended until they do."
                    )
                    % {"date": _date(timezone.localdate(deadline))},
                )

            yield Candidate(
                kind=self.slug,
                recipient=person,
                subject=major,
                occasion=step,
                words=words,
                link=lambda: reverse("policies:current"),
            )


class CredentialExpiring(Kind):
    """A credential expires in 60, 30 or 7 days: renew it through its refresher module."""

    slug = "credential_expiring"
    label = gettext_lazy("A credential about to expire")
    help = gettext_lazy("60, 30 and 7 days before, with the way to renew it.")
    thresholds = (60, 30, 7)

    def due(self, now):
        from certification import selectors as certification

        today = timezone.localdate(now)
        for credential in certification.credentials_expiring(
            now=now, within_days=max(self.thresholds)
        ):
            expires = timezone.localdate(credential.expires_at)
            threshold = _threshold((expires - today).days, self.thresholds)
            if threshold is None:
                continue
            person = credential.person

            def words(credential=credential, expires=expires, person=person):
                title = credential.definition.title(person.language)
                return (
                    _("Your credential %(title)s expires %(when)s")
                    % {"title": title, "when": _days((expires - today).days)},
                    _(
                        "%(title)s is valid until %(date)s. Renew it before then to keep "
                        "showing it: the link takes you to the refresher."
                    )
                    % {"title": title, "date": _date(expires)},
                )

            def link(credential=credential):
                renewal = credential.definition.renewal_modules or []
                if renewal:
                    return reverse("courses:module", args=[renewal[0]])
                return reverse("my_credentials")

            yield Candidate(
                kind=self.slug,
                recipient=person,
                subject=credential,
                occasion=f"{expires.isoformat()}/{threshold}",
                words=words,
                link=link,
            )


class CredentialStatusNote(Kind):
    """A credential was suspended or reinstated (sent as it happens, by a receiver)."""

    slug = "credential_status"
    label = gettext_lazy("A credential suspended or reinstated")
    help = gettext_lazy("As it happens.")

    def candidate(self, credential, *, suspended: bool) -> Candidate:
        person = credential.person
        changed = credential.status_changed_at or timezone.now()

        def words():
            title = credential.definition.title(person.language)
            if suspended:
                return (
                    _("Your credential %(title)s is suspended") % {"title": title},
                    _(
                        "%(title)s is suspended: its verification page shows it as suspended "
                        "until it is reinstated. My credentials says why and what to do."
                    )
                    % {"title": title},
                )
            return (
                _("Your credential %(title)s is valid again") % {"title": title},
                _("%(title)s is reinstated: its verification page shows it as valid again.")
                % {"title": title},
            )

        return Candidate(
            kind=self.slug,
            recipient=person,
            subject=credential,
            occasion=f"{'suspended' if suspended else 'reinstated'}/{changed.isoformat()}",
            words=words,
            link=lambda: reverse("my_credentials"),
        )


def _week(now: datetime.datetime) -> str:
    year, week, _day = timezone.localdate(now).isocalendar()
    return f"{year}-W{week:02d}"


class LeadDigest(Kind):
    """Weekly, per unit lead: training time waiting, overdue people and expiring credentials."""

    slug = "lead_digest"
    label = gettext_lazy("Weekly digest of your units")
    help = gettext_lazy(
        "Training time waiting for you, overdue training and credentials about to expire; "
        "skipped when there is nothing."
    )

    def concerns(self, person) -> bool:
        from people.permissions import is_unit_lead

        return is_unit_lead(person)

    def due(self, now):
        from certification import selectors as certification
        from courses import selectors as courses
        from courses.selectors import open_obligations
        from people.models import Person
        from people.permissions import led_unit_ids

        leads = list(Person.objects.filter(is_active=True, led_units__isnull=False).distinct())
        if not leads:
            return
        today = timezone.localdate(now)
        overdue = [o for o in open_obligations() if o.due < today]
        expiring = list(certification.credentials_expiring(now=now, within_days=30))
        for lead in leads:
            units = led_unit_ids(lead)
            waiting = courses.time_approvals_waiting_count(unit_ids=units)
            late = len({o.person.pk for o in overdue if o.person.unit_id in units})
            ending = sum(1 for c in expiring if c.person.unit_id in units)
            if not (waiting or late or ending):
                continue
            yield Candidate(
                kind=self.slug,
                recipient=lead,
                subject=lead,
                occasion=_week(now),
                words=lambda w=waiting, la=late, e=ending: _digest_words(
                    _("Your units this week"),
                    [
                        (
                            w,
                            ngettext(
                                "%(count)d training time request waits for you",
                                "%(count)d training time requests wait for you",
                                w,
                            ),
                            "courses:time_approvals",
                        ),
                        (
                            la,
                            ngettext(
                                "%(count)d person has overdue required training",
                                "%(count)d people have overdue required training",
                                la,
                            ),
                            "insights:people",
                        ),
                        (
                            e,
                            ngettext(
                                "%(count)d credential expires within 30 days",
                                "%(count)d credentials expire within 30 days",
                                e,
                            ),
                            "insights:dashboard",
                        ),
                    ],
                ),
                link=lambda: reverse("lead_home"),
            )


class ChampionDigest(Kind):
    """Weekly, per trainer or champion: assignments to review and colleagues who are stuck."""

    slug = "champion_digest"
    label = gettext_lazy("Weekly digest for trainers and champions")
    help = gettext_lazy(
        "Assignments waiting for your review and colleagues who are stuck; skipped when there "
        "is nothing."
    )

    def concerns(self, person) -> bool:
        return person.is_trainer

    def due(self, now):
        from community import stuck
        from courses import selectors as courses
        from people.models import Person

        for champion in Person.objects.filter(is_active=True, is_trainer=True):
            reviews = courses.review_backlog(champion)["count"]
            stuck_count = len(stuck.stuck_enrolments(champion))
            if not (reviews or stuck_count):
                continue
            yield Candidate(
                kind=self.slug,
                recipient=champion,
                subject=champion,
                occasion=_week(now),
                words=lambda r=reviews, s=stuck_count: _digest_words(
                    _("Your week as trainer or champion"),
                    [
                        (
                            r,
                            ngettext(
                                "%(count)d assignment waits for your review",
                                "%(count)d assignments wait for your review",
                                r,
                            ),
                            "courses:review_queue",
                        ),
                        (
                            s,
                            ngettext(
                                "%(count)d colleague is stuck in a module",
                                "%(count)d colleagues are stuck in a module",
                                s,
                            ),
                            "trainer_home",
                        ),
                    ],
                ),
                link=lambda r=reviews: reverse("courses:review_queue" if r else "trainer_home"),
            )


def _digest_words(title: str, lines: list[tuple[int, str, str]]) -> tuple[str, str]:
    from django.conf import settings

    base = settings.ACADEMY_BASE_URL.rstrip("/")
    body = "\n".join(
        f"{words % {'count': count}}: {base}{reverse(name)}"
        for count, words, name in lines
        if count
    )
    return title, body


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        TrainingDue(),
        TrainingOverdueEscalation(),
        PolicyReacknowledgement(),
        CredentialExpiring(),
        CredentialStatusNote(),
        LeadDigest(),
        ChampionDigest(),
    )
}
MANDATORY = frozenset(slug for slug, kind in KINDS.items() if kind.mandatory)

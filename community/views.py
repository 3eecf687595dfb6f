"""Pages of the community app: thin wrappers around forms, services and selectors."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.numbers import parse_int
from people import permissions as people_permissions
from people.models import Person

from . import calendar, forms, permissions, selectors, services, stuck
from .models import Champion, Kudos, Segment, Topic

signed_in = people_permissions.role_required(lambda person: person.is_authenticated)
CALENDAR_SALT = "community.calendar"


def _form_page(request, form, *, title, intro="", submit, back=None, **extra):
    template = extra.pop("template", "community/form_page.html")
    context = {"form": form, "title": title, "intro": intro, "submit": submit, **extra}
    if back:
        context["back_url"], context["back_label"] = back
    return render(request, template, context)


def _page(request, items, per_page=20):
    return Paginator(items, per_page).get_page(parse_int(request.GET.get("page")))


# Champions -------------------------------------------------------------------------------------


@signed_in
def champions(request):
    context = {
        "roster": selectors.roster(),
        "mine": selectors.nominations_by(request.user)[:20],
        "can_decide": permissions.can_decide_champions(request.user),
        "can_record": permissions.can_record_session(request.user),
    }
    if context["can_decide"]:
        context["pending"] = selectors.pending_nominations()
    return render(request, "community/champions.html", context)


@signed_in
def nominate(request):
    form = forms.NominationForm(request.POST or None, nominator=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate_champion(
                nominator=request.user,
                person=form.cleaned_data["person"],
                unit=form.cleaned_data["unit"],
                motivation=form.cleaned_data["motivation"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: the programme team will decide soon."))
            return redirect("community:champions")
    return _form_page(
        request,
        form,
        title=_("Nominate a champion"),
        intro=_(
            "Champions light fires in their unit: they help colleagues along, run awareness "
            "sessions and review practical work. Nominate yourself, or as a lead a colleague in "
            "a unit you lead; the programme team decides."
        ),
        submit=_("Nominate"),
        back=(reverse("community:champions"), _("Back to the champions")),
    )


@require_POST
@people_permissions.role_required(permissions.can_decide_champions)
def decide(request, pk):
    get_object_or_404(Champion, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        champion = services.decide_champion(decider=request.user, champion_id=pk, approve=approve)
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        text = _("%(name)s is now champion of %(unit)s.") if approve else _("Declined: %(name)s.")
        messages.success(request, text % {"name": champion.person.name, "unit": champion.unit})
    return redirect("community:champions")


@require_POST
@people_permissions.role_required(permissions.can_decide_champions)
def revoke(request, pk):
    get_object_or_404(Champion, pk=pk)
    try:
        champion = services.revoke_champion(by=request.user, champion_id=pk)
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is no longer champion.") % {"name": champion.person})
    return redirect("community:champions")


# Awareness sessions ----------------------------------------------------------------------------


@signed_in
def sessions(request):
    context = {
        "upcoming": selectors.sessions(upcoming=True)[:50],
        "page": _page(request, selectors.sessions(upcoming=False)),
        "can_record": permissions.can_record_session(request.user),
    }
    return render(request, "community/sessions.html", context)


@people_permissions.role_required(permissions.can_record_session)
def record_session(request):
    form = forms.SessionForm(request.POST or None, champion=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_session(
                champion=request.user,
                unit=data["unit"],
                title=data["title"],
                held_on=data["held_on"],
                format=data["format"],
                attendees=list(data["attendees"]),
                head_count=data["head_count"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is recorded."))
            return redirect("community:sessions")
    return _form_page(
        request,
        form,
        title=_("Record an awareness session"),
        intro=_(
            "Record a session you held or plan one. Name the colleagues who came, or give a "
            "head count when you did not take names."
        ),
        submit=_("Save the session"),
        back=(reverse("community:sessions"), _("Back to the awareness sessions")),
    )


@people_permissions.role_required(permissions.can_see_segments)
def reach(request):
    rows = selectors.reach_per_unit(permissions.segment_unit_ids(request.user))
    return render(request, "community/reach.html", {"rows": rows})


# Kudos -----------------------------------------------------------------------------------------


@signed_in
def kudos_wall(request):
    units = selectors.units_for_filter()
    form = forms.KudosFilterForm(request.GET or None, units=units)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    wall = selectors.kudos_wall(
        category=filters.get("category", ""),
        unit_id=unit.pk if unit else None,
        period=filters.get("period", ""),
    )
    context = {
        "form": form,
        "page": _page(request, wall),
        "query": request.GET.copy(),
        "can_moderate": permissions.can_moderate_kudos(request.user),
        "featured": selectors.featured_contributor(),
    }
    context["query"].pop("page", None)
    if request.htmx and not request.htmx.boosted:
        return render(request, "community/includes/kudos_list.html", context)
    return render(request, "community/kudos_wall.html", context)


@signed_in
def give_kudos(request):
    initial = {"receiver": request.GET.get("to")} if request.GET.get("to") else None
    form = forms.KudosForm(request.POST or None, giver=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_kudos(giver=request.user, **form.cleaned_data)
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your kudos is on the wall."))
            return redirect("community:kudos")
    return _form_page(
        request,
        form,
        title=_("Give kudos"),
        intro=_("A pat on the back for a colleague: say what they did. Everyone can see it."),
        submit=_("Give kudos"),
        back=(reverse("community:kudos"), _("Back to the wall")),
    )


@people_permissions.role_required(permissions.can_moderate_kudos)
def moderate_kudos(request, pk, action):
    kudos = get_object_or_404(Kudos.objects.select_related("giver", "receiver"), pk=pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.hide_kudos if action == "hide" else services.restore_kudos
        service(moderator=request.user, kudos_id=pk, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The kudos is hidden.") if action == "hide" else _("The kudos is back.")
        )
        return redirect("community:kudos_moderation")
    return _form_page(
        request,
        form,
        title=_("Hide kudos") if action == "hide" else _("Restore kudos"),
        intro=_("The reason is kept in the moderation log with your name."),
        submit=_("Hide") if action == "hide" else _("Restore"),
        back=(reverse("community:kudos_moderation"), _("Back to moderation")),
        kudos=kudos,
        template="community/moderate_kudos.html",
    )


@people_permissions.role_required(permissions.can_moderate_kudos)
def kudos_moderation(request):
    context = {
        "page": _page(request, selectors.moderation_log()),
        "hidden": Kudos.objects.filter(hidden_at__isnull=False).select_related("giver", "receiver")[
            :50
        ],
    }
    return render(request, "community/kudos_moderation.html", context)


@people_permissions.role_required(permissions.can_moderate_kudos)
def feature(request):
    form = forms.FeatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feature_contributor(chooser=request.user, **form.cleaned_data)
        messages.success(request, _("The featured contributor is chosen."))
        return redirect("community:kudos")
    return _form_page(
        request,
        form,
        title=_("Featured contributor"),
        intro=_(
            "Choose the colleague of the month; everyone sees them on their home page. "
            "Choosing again for the same month replaces the choice."
        ),
        submit=_("Feature"),
        back=(reverse("community:kudos"), _("Back to the wall")),
    )


@signed_in
def colleague(request, pk):
    person = selectors.colleague_profile(pk)
    if person is None:
        raise Http404
    context = {
        "person": person,
        "page": _page(request, selectors.kudos_received(person)),
        "is_me": person.pk == request.user.pk,
    }
    return render(request, "community/colleague.html", context)


# Intake survey ---------------------------------------------------------------------------------


def _url(names: list[str], fallback: str) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return fallback


def next_step(segment: str) -> dict:
    """The suggested next step for a segment: a text and a link to a real page."""
    if segment == Segment.ENTHUSIAST:
        return {
            "text": _("You are ready to light fires: become a champion and help colleagues along."),
            "label": _("Become a champion"),
            "url": reverse("community:nominate"),
        }
    if segment == Segment.WAIT_AND_SEE:
        return {
            "text": _("See what it brings: take a short module that shows the value in practice."),
            "label": _("Browse the modules"),
            "url": _url(["courses:catalogue", "catalogue"], "/learn/"),
        }
    return {
        "text": _("Curious what colleagues get out of it? Join an awareness session, no strings."),
        "label": _("See the awareness sessions"),
        "url": reverse("community:sessions"),
    }


@signed_in
def survey(request):
    questions = list(selectors.survey_questions())
    result = selectors.segment_of(request.user)
    answers = selectors.answers_of(request.user) if result else {}
    initial = {f"q{q}": v for q, v in answers.items()}
    form = forms.SurveyForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_survey(person=request.user, answers=form.answers())
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect("community:survey")
    context = {
        "form": form,
        "result": result,
        "next_step": next_step(result.segment) if result else None,
        "has_questions": bool(questions),
    }
    return render(request, "community/survey.html", context)


@people_permissions.role_required(permissions.can_see_segments)
def survey_results(request):
    unit_ids = permissions.segment_unit_ids(request.user)
    context = {
        "rows": selectors.segments_per_unit(unit_ids),
        "overall": selectors.segment_counts(unit_ids),
        "min_group": selectors.MIN_GROUP,
        "segments": Segment.choices,
    }
    return render(request, "community/survey_results.html", context)


# Topic calendar --------------------------------------------------------------------------------


def calendar_token(person) -> str:
    return signing.Signer(salt=CALENDAR_SALT).sign(str(person.pk))


@signed_in
def topics(request):
    feed = reverse("community:calendar") + "?token=" + calendar_token(request.user)
    context = {
        "upcoming": selectors.upcoming_topics()[:50],
        "page": _page(request, selectors.past_topics(), per_page=10),
        "can_plan": permissions.can_plan_topics(request.user),
        "feed_url": request.build_absolute_uri(feed),
    }
    return render(request, "community/topics.html", context)


@people_permissions.role_required(permissions.can_plan_topics)
def topic_form(request, pk=None):
    topic = get_object_or_404(Topic, pk=pk) if pk else None
    form = forms.TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and request.POST.get("delete") and topic:
        services.delete_topic(by=request.user, topic=topic)
        messages.success(request, _("The topic is removed from the calendar."))
        return redirect("community:topics")
    if request.method == "POST" and form.is_valid():
        services.save_topic(by=request.user, topic=topic, **form.cleaned_data)
        messages.success(request, _("The topic is on the calendar."))
        return redirect("community:topics")
    return _form_page(
        request,
        form,
        title=_("Edit topic") if topic else _("Plan a topic"),
        intro=_("Give the title and key messages in both languages where you can."),
        submit=_("Save the topic"),
        back=(reverse("community:topics"), _("Back to the calendar")),
        topic=topic,
        template="community/topic_form.html",
    )


def calendar_feed(request):
    """iCalendar of the topics: for a signed-in person, or with their secret feed token."""
    person = request.user if request.user.is_authenticated else None
    token = request.GET.get("token")
    if person is None and token:
        try:
            pk = signing.Signer(salt=CALENDAR_SALT).unsign(token)
        except signing.BadSignature:
            raise PermissionDenied from None
        person = Person.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        return redirect(reverse("account_login") + "?next=" + request.path)
    body = calendar.topics_ical(selectors.calendar_topics(), language=person.language)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="topics.ics"'
    return response


# Audience worksheet ----------------------------------------------------------------------------


@signed_in
def worksheet(request):
    current = selectors.worksheet_of(request.user)
    form = forms.WorksheetForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_worksheet(person=request.user, **form.cleaned_data)
        messages.success(request, _("Your worksheet is saved."))
        return redirect("community:worksheet")
    context = {"form": form, "worksheet": current, "today": timezone.localdate()}
    return render(request, "community/worksheet.html", context)


@signed_in
def worksheet_print(request):
    current = selectors.worksheet_of(request.user)
    if current is None:
        return redirect("community:worksheet")
    form = forms.WorksheetForm(instance=current)
    context = {"worksheet": current, "form": form, "today": timezone.localdate()}
    return render(request, "community/worksheet_print.html", context)


# Stuck learners --------------------------------------------------------------------------------


@people_permissions.role_required(selectors.is_champion)
def stuck_learners(request):
    enrolments = stuck.stuck_enrolments(request.user)
    last = selectors.last_nudges({e.person_id for e in enrolments})
    context = {
        "enrolments": enrolments,
        "last_nudges": last,
        "idle_days": stuck.IDLE_DAYS,
    }
    return render(request, "community/stuck.html", context)


@people_permissions.role_required(selectors.is_champion)
def colleagues(request):
    """The champion's colleagues with their progress: who is stuck, and a reminder in one click."""
    page = _page(request, stuck.colleagues(request.user), per_page=25)
    ids = [person.pk for person in page.object_list]
    context = {
        "page": page,
        "stuck": stuck.stuck_among(ids),
        "last_nudges": selectors.last_nudges(ids),
        "idle_days": stuck.IDLE_DAYS,
    }
    return render(request, "community/colleagues.html", context)


@require_POST
@people_permissions.role_required(selectors.is_champion)
def send_nudge(request, person_id):
    learner = get_object_or_404(Person, pk=person_id, is_active=True)
    try:
        services.nudge(champion=request.user, learner=learner)
    except services.CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A reminder is on its way to %(name)s.") % {"name": learner})
    if request.POST.get("back") == "colleagues":
        return redirect("community:colleagues")
    return redirect("community:stuck")

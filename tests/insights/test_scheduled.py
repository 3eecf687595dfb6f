"""The scheduled pass (`academy worker`): rollups reconciled, abandoned exports made again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import scheduled
from insights import services
from insights.models import Export, PersonFact

pytestmark = pytest.mark.django_db


def test_a_rollup_left_behind_by_a_killed_process_is_reconciled(rebuilt):
    ann = rebuilt.people.ann
    right = PersonFact.objects.get(person=ann).modules_completed
    # A web process died between the change and its receiver: the fact is behind.
    PersonFact.objects.filter(person=ann).update(modules_completed=0, enrolled_at=None)
    done = scheduled.run()
    assert done["dashboard rollups reconciled"] >= 1
    fact = PersonFact.objects.get(person=ann)
    assert fact.modules_completed == right and fact.enrolled_at is not None


def _abandoned_export(person) -> Export:
    return Export.objects.create(
        requested_by=person,
        table="people",
        format=Export.Format.XLSX,
        filters={},
        status=Export.Status.RUNNING,
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )


def test_an_export_whose_worker_died_is_made_again(
    rebuilt, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    job = _abandoned_export(rebuilt.staff)
    with django_capture_on_commit_callbacks(execute=True):
        done = scheduled.run()
    assert done["stale background jobs retried"] == 1
    job.refresh_from_db()
    assert job.status == Export.Status.DONE and job.rows_done == job.rows_total == 9


def test_an_export_running_for_a_short_while_is_left_alone(rebuilt):
    job = _abandoned_export(rebuilt.staff)
    Export.objects.filter(pk=job.pk).update(created_at=timezone.now())
    assert scheduled.run()["stale background jobs retried"] == 0
    job.refresh_from_db()
    assert job.status == Export.Status.RUNNING


def test_the_person_who_asked_retries_a_failed_export_from_its_page(
    client_for, rebuilt, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    job = Export.objects.create(
        requested_by=rebuilt.staff,
        table="people",
        format=Export.Format.XLSX,
        status=Export.Status.FAILED,
        error="worker lost",
    )
    url = reverse("insights:export_retry", args=[job.pk])
    assert client_for(rebuilt.lotte).post(url).status_code == 404
    client = client_for(rebuilt.staff)
    assert (
        "Try again" in client.get(reverse("insights:export_status", args=[job.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("insights:export_status", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Export.Status.DONE and job.error == ""


def test_a_queued_export_is_made_once_even_if_two_workers_get_it(rebuilt, settings, tmp_path):
    from insights import tasks

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    job = Export.objects.create(
        requested_by=rebuilt.staff, table="people", format=Export.Format.XLSX
    )
    tasks.make_export.call(job.pk)
    first = Export.objects.get(pk=job.pk).file.name
    tasks.make_export.call(job.pk)
    assert Export.objects.get(pk=job.pk).file.name == first
    assert services.retry_stale_exports(started_before=timezone.now()) == 0

"""The RQ queue and worker of `ACADEMY_TASK_BACKEND=rq`: every job is tried again when it fails
or when the worker running it dies (RQ requeues an abandoned job that has retries left)."""

from django.conf import settings
from django_rq.queues import DjangoRQ
from rq import Retry
from rq.worker import Worker as RQWorker


class RetryingQueue(DjangoRQ):
    def create_job(self, *args, retry: Retry | None = None, **kwargs):
        if retry is None and settings.ACADEMY_TASK_RETRIES > 0:
            retry = Retry(max=settings.ACADEMY_TASK_RETRIES)
        return super().create_job(*args, retry=retry, **kwargs)


class Worker(RQWorker):
    """A worker that notices sooner than RQ's defaults (10 minutes) that another worker died
    with a job: it looks every ACADEMY_WORKER_MAINTENANCE_SECONDS, and a job counts as
    abandoned ACADEMY_WORKER_HEARTBEAT_GRACE seconds after its worker's last heartbeat."""

    def __init__(self, *args, **kwargs):
        every = settings.ACADEMY_WORKER_MAINTENANCE_SECONDS
        kwargs["maintenance_interval"] = every
        # An idle worker waits for a job at most this long before it looks again.
        kwargs["worker_ttl"] = kwargs.get("worker_ttl") or every + 15
        kwargs["job_monitoring_interval"] = min(30, every)
        super().__init__(*args, **kwargs)

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        # RQ adds 60 s to the monitoring interval; the grace replaces those 60 s.
        ttl = super().get_heartbeat_ttl(job, working_time)
        return max(1, ttl - 60 + settings.ACADEMY_WORKER_HEARTBEAT_GRACE)

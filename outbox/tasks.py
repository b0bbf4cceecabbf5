"""The outbox's task on the queue (django-tasks: the database backend by default)."""

from django_tasks import task

from . import delivery


@task()
def deliver(delivery_id):
    return delivery.attempt(delivery_id)

"""Background tasks (django-tasks, database backend: no broker on SQLite or PostgreSQL)."""

from django_tasks import task

from cakupan.imports import pipeline


@task()
def batch_validate_task(batch_id: int, actor_id: int, review: bool = False) -> str:
    return pipeline.validate_run(batch_id=batch_id, actor_id=actor_id, review=review).state


@task()
def batch_commit_task(batch_id: int) -> str:
    return pipeline.commit_run(batch_id=batch_id).state

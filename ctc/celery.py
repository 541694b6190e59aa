import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctc.settings.base")

# DjangoTask gives every task delay_on_commit(); named here rather than left to Celery's
# Django fixup, which only applies it when it detects Django at start-up.
app = Celery("ctc", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

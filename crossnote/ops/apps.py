from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "crossnote.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun
        from django.conf import settings
        from django.core.signals import request_finished

        from crossnote.ops import logs, metrics
        from crossnote.ops.production import refuse_unsafe_start

        refuse_unsafe_start(settings)
        logs.install_record_factory()
        request_finished.connect(logs.clear_request_id, dispatch_uid="crossnote.ops.clear_id")
        setup_logging.connect(logs.celery_logging, dispatch_uid="crossnote.ops.celery_logging")
        # A task queued during a request logs under that request's id on the worker.
        before_task_publish.connect(logs.tag_task_message, dispatch_uid="crossnote.ops.tag_task")
        task_prerun.connect(logs.task_started, dispatch_uid="crossnote.ops.task_started")
        task_postrun.connect(logs.task_finished, dispatch_uid="crossnote.ops.task_finished")
        metrics.connect()

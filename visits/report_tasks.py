"""Background work of visit reports: thin tasks, each calling one service (see ctc/tasks.py)."""

from ctc.tasks import object_task


@object_task(name="visits.report_transmission_file_task", model="visits.VisitReportTransmission")
def report_transmission_file_task(transmission):
    """Files the transmitted report as a PDF document distributed to the State; idempotent."""
    from . import report_services

    return report_services.report_transmission_file(transmission=transmission)

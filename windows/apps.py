from django.apps import AppConfig


class WindowsConfig(AppConfig):
    name = "windows"
    verbose_name = "一门受理窗口"

    def ready(self) -> None:
        # the models and the audit registry can only be imported once the app registry is ready
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from regions.audit import track  # noqa: PLC0415

        from . import models as m  # noqa: PLC0415
        from .reference_cache import reference_changed  # noqa: PLC0415

        track(m.ServiceWindow)
        track(m.Case, personal=["id_number", "phone"], exclude=["phone_last4"])
        # CaseEvent is not tracked: an event is never updated or deleted (CaseEvent.save), each one already says
        # who did what when, and its creation entry would only repeat it (an intake wrote two entries)
        track(m.CaseAttachment, personal=["name"])
        track(m.RoutingRule)
        track(m.DeadlineRule)
        track(m.Holiday)
        track(m.AppointmentSlot)
        track(m.Appointment, personal=["id_number", "phone"])
        # a row of a reference table saved or deleted: every process reads the tables again (reference_cache)
        for model in (m.RoutingRule, m.DeadlineRule, m.Holiday):
            post_save.connect(
                reference_changed, sender=model, dispatch_uid=f"reference-{model.__name__}-save"
            )
            post_delete.connect(
                reference_changed, sender=model, dispatch_uid=f"reference-{model.__name__}-del"
            )

from django.apps import AppConfig


class WindowsConfig(AppConfig):
    name = "windows"
    verbose_name = "一门受理窗口"

    def ready(self) -> None:
        # the models and the audit registry can only be imported once the app registry is ready
        from regions.audit import track  # noqa: PLC0415

        from . import models as m  # noqa: PLC0415

        track(m.ServiceWindow)
        track(m.Case, personal=["id_number", "phone"], exclude=["phone_last4"])
        track(m.CaseEvent)
        track(m.CaseAttachment, personal=["name"])
        track(m.RoutingRule)
        track(m.DeadlineRule)
        track(m.Holiday)
        track(m.AppointmentSlot)
        track(m.Appointment, personal=["id_number", "phone"])

from django.apps import AppConfig


class WindowsConfig(AppConfig):
    name = "windows"
    verbose_name = "一门受理窗口"

    def ready(self) -> None:
        from regions.audit import track

        from . import models as m

        track(m.ServiceWindow)
        track(m.Case, personal=["id_number", "phone"], exclude=["phone_last4"])
        track(m.CaseEvent)
        track(m.CaseAttachment, personal=["name"])
        track(m.RoutingRule)
        track(m.DeadlineRule)
        track(m.Holiday)
        track(m.AppointmentSlot)
        track(m.Appointment, personal=["id_number", "phone"])

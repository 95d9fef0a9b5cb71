"""Public pages (no login): sign-in by the code shown at a session, and certificate verification."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect

from core.ratelimit import LIMITED, allow
from regions.rules import mask_name

from .. import services
from ..forms import SignInForm

#: attempts per IP and minute: a venue's Wi-Fi puts a whole class behind one address, so sign-in allows many
SIGN_IN_PER_MINUTE = 120
VERIFY_PER_MINUTE = 30


@csrf_protect
def sign_in(request):
    form = SignInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    done = None
    if request.method == "POST" and not allow(request, "training:sign-in", SIGN_IN_PER_MINUTE):
        form.add_error(None, LIMITED)
        return render(request, "training/public_sign_in.html", {"form": form, "done": None}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.attendance_sign_in_by_code(**form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            done = {
                "name": mask_name(attendance.worker.name),
                "session": attendance.session.title,
                "at": timezone.localtime(attendance.signed_in_at),
            }
            form = SignInForm(initial={"code": form.cleaned_data["code"]})
    return render(request, "training/public_sign_in.html", {"form": form, "done": done})


def verify(request):
    code = (request.GET.get("code") or "").strip()
    if code and not allow(request, "training:verify", VERIFY_PER_MINUTE):
        return render(request, "training/public_verify.html", {"code": code, "limited": True}, status=429)
    cert = services.certificate_verify(code) if code else None
    return render(
        request,
        "training/public_verify.html",
        {
            "code": code,
            "cert": cert,
            "holder": mask_name(cert.attendance.worker.name) if cert else "",
        },
    )

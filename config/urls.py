"""Top-level URLs: the shell's pages, each app's pages, the API under /api/v1/, its schema and docs (no CDN,
login required; the docs page loads its script from a URL so the Content-Security-Policy needs no inline script).

Every app is listed here by hand: adding an app means adding its line, nothing is discovered. MEDIA_ROOT is never
served by Django (not in DEBUG either): uploaded files go out only through the apps' scoped views, and the web
server in front must not expose MEDIA_ROOT.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import field_checks
from config import views as shell_views
from regions import twofactor_views
from regions import views as region_views

urlpatterns = [
    path("", shell_views.home, name="home"),
    # browsers and tools that ask for /favicon.ico without reading the page's <link rel="icon">
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)),
    path("accounts/login/", region_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", region_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", twofactor_views.settings_page, name="twofactor-settings"),
    path("accounts/2fa/verify/", twofactor_views.verify, name="twofactor-verify"),
    path("accounts/2fa/enrol/", twofactor_views.enrol, name="twofactor-enrol"),
    path("accounts/2fa/regions/", twofactor_views.region_settings, name="twofactor-regions"),
    path("accounts/", include("accounts.urls")),
    path("system/", include(("config.system", "system"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("check/", field_checks.field_check, name="field-check"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"
    ),
    path("regions/", include("regions.urls")),
    path("staffing/", include("staffing.urls")),
    path("windows/", include("windows.urls")),
    path("procurement/", include("procurement.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("training/", include("training.urls")),
    path("supervision/", include("supervision.urls")),
    path("oversight/", include("oversight.urls")),
    path("changes/", include("changes.urls")),
]

admin.site.site_header = "基层社会救助经办服务 管理"
admin.site.site_title = "基层社会救助经办服务"

# branded error pages (issue 14); under /api/ they answer JSON (config/errors.py)
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

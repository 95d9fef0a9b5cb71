from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.instruction_list, name="index"),
    path("new/", views.instruction_issue, name="issue"),
    path("<int:pk>/", views.instruction_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.instruction_step, name="step"),
]

"""The learner API under /api/v1/ (namespace ``api``)."""

from django.urls import path, register_converter
from django.urls.converters import IntConverter

from . import api_views


class IdConverter(IntConverter):
    """A database id: at most 18 digits. A longer number is a 404 rather than an integer
    overflow in the query (a 500)."""

    regex = "[0-9]{1,18}"


register_converter(IdConverter, "id")

urlpatterns = [
    path("auth/token/", api_views.AuthTokenView.as_view(), name="auth-token"),
    path("auth/logout/", api_views.LogOutEverywhere.as_view(), name="auth-logout"),
    path("enrolments/", api_views.EnrolmentList.as_view(), name="enrolment-list"),
    path("enrolments/<id:pk>/", api_views.EnrolmentDetail.as_view(), name="enrolment-detail"),
    path(
        "progress/lessons/<id:lesson_id>/",
        api_views.LessonProgressView.as_view(),
        name="lesson-progress",
    ),
    path(
        "lessons/<id:lesson_id>/quiz-attempts/",
        api_views.QuizAttemptList.as_view(),
        name="quiz-attempts",
    ),
    path(
        "reflections/lessons/<id:lesson_id>/",
        api_views.LessonReflections.as_view(),
        name="lesson-reflections",
    ),
    path("me/", api_views.MyAccount.as_view(), name="me"),
    path("me/export/", api_views.MyExport.as_view(), name="me-export"),
    path("me/progress/", api_views.MyProgress.as_view(), name="me-progress"),
    path(
        "certificates/<str:code>/",
        api_views.CertificateDetail.as_view(),
        name="certificate-detail",
    ),
    path(
        "certificates/<str:code>/credential/",
        api_views.CertificateCredential.as_view(),
        name="certificate-credential",
    ),
    path(
        "certificates/<str:code>/credential.svg",
        api_views.CertificateBakedBadge.as_view(),
        name="certificate-credential-svg",
    ),
    path(
        "credentials/status/",
        api_views.CredentialStatusList.as_view(),
        name="credential-status-list",
    ),
]

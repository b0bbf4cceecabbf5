"""The learner API under /api/v1/ (namespace ``api``)."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from . import api_views

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="auth-token"),
    path("enrolments/", api_views.EnrolmentList.as_view(), name="enrolment-list"),
    path("enrolments/<int:pk>/", api_views.EnrolmentDetail.as_view(), name="enrolment-detail"),
    path(
        "progress/lessons/<int:lesson_id>/",
        api_views.LessonProgressView.as_view(),
        name="lesson-progress",
    ),
    path(
        "lessons/<int:lesson_id>/quiz-attempts/",
        api_views.QuizAttemptList.as_view(),
        name="quiz-attempts",
    ),
    path("me/progress/", api_views.MyProgress.as_view(), name="me-progress"),
    path(
        "certificates/<str:code>/",
        api_views.CertificateDetail.as_view(),
        name="certificate-detail",
    ),
]

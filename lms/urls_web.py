"""Learner pages, inside i18n_patterns (/<lang>/learn/…, /<lang>/certificates/…)."""

from django.urls import path

from . import views

app_name = "lms"

urlpatterns = [
    path("learn/", views.dashboard, name="dashboard"),
    path("learn/courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path(
        "learn/courses/<int:course_id>/completed/",
        views.course_completed,
        name="course-completed",
    ),
    path("learn/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson-complete"),
    path("learn/lessons/<int:lesson_id>/position/", views.lesson_position, name="lesson-position"),
    path(
        "learn/lessons/<int:lesson_id>/quiz/<str:block_id>/",
        views.quiz_submit,
        name="quiz-submit",
    ),
    path(
        "learn/lessons/<int:lesson_id>/quiz/<str:block_id>/attempts/<int:attempt_id>/",
        views.quiz_attempt,
        name="quiz-attempt",
    ),
    path(
        "learn/lessons/<int:lesson_id>/reflections/<str:block_id>/",
        views.reflection_save,
        name="reflection-save",
    ),
    path("learn/profile/", views.profile, name="profile"),
    path("learn/profile/delete/", views.account_delete, name="account-delete"),
    path("learn/profile/export/", views.account_export, name="account-export"),
    path("learn/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("learn/email/confirm/", views.resend_verification, name="resend-verification"),
    path("learn/email/confirm/<str:token>/", views.verify_email, name="verify-email"),
    path("learn/profile/log-out-everywhere/", views.log_out_everywhere, name="log-out-everywhere"),
    # "verify/" before "<code>/" so the verify page is never read as a code.
    path("certificates/verify/", views.certificate_verify, name="certificate-verify"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/name/", views.certificate_name, name="certificate-name"),
]

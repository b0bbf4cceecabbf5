"""Routes of the content API, mounted at /api/v1/ by lms/api/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import changes, exports, find, translation_status, views

router = SimpleRouter(trailing_slash=True)
router.register("courses", views.CourseViewSet, basename="course")
router.register("lessons", views.LessonViewSet, basename="lesson")
router.register("case-studies", views.CaseStudyViewSet, basename="case-study")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("subsectors", views.SubsectorViewSet, basename="subsector")
router.register("countries", views.CountryViewSet, basename="country")
router.register("locales", views.LocaleViewSet, basename="locale")
router.register(
    "translation-status",
    translation_status.TranslationStatusViewSet,
    basename="translation-status",
)

urlpatterns = router.urls + [
    path("preview/", views.PreviewView.as_view(), name="preview"),
    path("find/", find.FindView.as_view(), name="find"),
    path("changes/", changes.ChangeFeedView.as_view(), name="changes"),
    path("courses/<str:pk>/export/", exports.CourseExportView.as_view(), name="course-export"),
]
